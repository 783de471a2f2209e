import { Suspense, useEffect } from 'react';
import type { Action } from '../shared/auth/permissions';
import { ROLE_LABELS } from '../shared/auth/permissions';
import { onCoreEvent } from './api';
import { useAuth, useMay } from './auth/auth-context';
import { useDirectories } from './directories';
import { t } from './i18n/zh-CN';
import { DocumentPrint, FEATURES, InspectionPrint } from './features';
import { useRoute } from './router';

/** Only what exists, and what the signed-in role may use, is in the navigation: no dead buttons. */
const NAV: { path: string; label: string; icon: string; needs?: Action[] }[] = [
  { path: 'dashboard', label: t.nav.dashboard, icon: '▦' },
  { path: 'map', label: t.nav.map, icon: '◎' },
  { path: 'enterprises', label: t.nav.enterprises, icon: '🏭' },
  { path: 'outfalls', label: t.nav.outfalls, icon: '⤵' },
  { path: 'inspections', label: t.nav.inspections, icon: '✎' },
  { path: 'findings', label: t.nav.findings, icon: '⚑' },
  { path: 'complaints', label: t.nav.complaints, icon: '☎' },
  { path: 'cases', label: t.nav.cases, icon: '⚖' },
  { path: 'plans', label: t.nav.plans, icon: '⚄', needs: ['plans', 'inspect'] },
  { path: 'ledgers', label: t.nav.ledgers, icon: '▤' },
  { path: 'sync', label: t.nav.sync, icon: '⇅' },
  { path: 'settings', label: t.nav.settings, icon: '⚙', needs: ['settings', 'checklists'] },
  { path: 'account', label: '我的账号', icon: '☺' },
];

/** The current route's feature, fetched on first opening (its chunk) while 加载中… shows. */
function Page({ route }: { route: string[] }) {
  const section = route[0] ?? 'dashboard';
  const Feature = Object.hasOwn(FEATURES, section) ? FEATURES[section] : FEATURES.dashboard;
  return <Suspense fallback={<div className="page muted">{t.common.loading}</div>}><Feature route={route} /></Suspense>;
}

/** The shell: navigation, who is working, and the page of the current route. */
export function App() {
  const route = useRoute();
  const d = useDirectories();
  const auth = useAuth();
  const may = useMay();
  const account = auth.status.account!;
  const { reload } = d;
  useEffect(() => onCoreEvent((e) => {
    if (e.type === 'workspace') { window.location.hash = '#/dashboard'; window.location.reload(); }
    if (e.type === 'changed' && (e.entity === 'people' || e.entity === 'workspace' || e.entity === 'places')) void reload();
  }), [reload]);
  const section = route[0] ?? 'dashboard';
  if (section === 'inspections' && route[2] === 'print') return <Suspense fallback={null}><InspectionPrint id={route[1]} /></Suspense>;
  if (section === 'cases' && route[2] === 'documents' && route[4] === 'print') return <Suspense fallback={null}><DocumentPrint caseId={route[1]} documentId={route[3]} /></Suspense>;
  return (
    <div className="shell">
      <nav className="sidebar">
        <div className="brand"><b>{t.appName}</b><small>{t.appSubtitle}</small></div>
        {NAV.filter((n) => !n.needs || n.needs.some(may)).map((n) => (
          <a key={n.path} href={`#/${n.path}`} className={section === n.path ? 'active' : ''}><span className="icon" aria-hidden>{n.icon}</span><span className="label">{n.label}</span></a>
        ))}
        <div className="sidebar-foot">
          <small>{d.info.settings.bureauName}</small>
          <div className="who">
            <span data-testid="current-person">{`${t.person.current}：${d.info.currentPerson?.name ?? account.personName}`}</span>
            <small data-testid="current-role">{ROLE_LABELS[account.role]} · {account.name}</small>
            <span><button className="link" onClick={() => void auth.lock()}>锁定</button> <button className="link" onClick={() => void auth.signOut()}>退出</button></span>
          </div>
        </div>
      </nav>
      <main className="content"><Page route={route} /></main>
    </div>
  );
}
