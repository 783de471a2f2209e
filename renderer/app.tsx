import { Suspense, useEffect, useState } from 'react';
import { onCoreEvent } from './api';
import { useDirectories } from './directories';
import { t } from './i18n/zh-CN';
import { FEATURES, InspectionPrint } from './features';
import { onFirstOpen } from './on-first-open';
import { useRoute } from './router';

/** Who is working, asked once (its field checks bring zod: a chunk of its own, not the first list's). */
const PersonChooser = onFirstOpen(() => import('./components/person-chooser'), 'PersonChooser');

/** Only what exists is in the navigation: no dead buttons. */
const NAV = [
  { path: 'dashboard', label: t.nav.dashboard, icon: '▦' },
  { path: 'map', label: t.nav.map, icon: '◎' },
  { path: 'enterprises', label: t.nav.enterprises, icon: '🏭' },
  { path: 'outfalls', label: t.nav.outfalls, icon: '⤵' },
  { path: 'inspections', label: t.nav.inspections, icon: '✎' },
  { path: 'findings', label: t.nav.findings, icon: '⚑' },
  { path: 'complaints', label: t.nav.complaints, icon: '☎' },
  { path: 'cases', label: t.nav.cases, icon: '⚖' },
  { path: 'plans', label: t.nav.plans, icon: '⚄' },
  { path: 'ledgers', label: t.nav.ledgers, icon: '▤' },
  { path: 'sync', label: t.nav.sync, icon: '⇅' },
  { path: 'settings', label: t.nav.settings, icon: '⚙' },
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
  const [choosing, setChoosing] = useState(!d.info.currentPerson);
  const { reload } = d;
  useEffect(() => onCoreEvent((e) => {
    if (e.type === 'workspace') { window.location.hash = '#/dashboard'; window.location.reload(); }
    if (e.type === 'changed' && (e.entity === 'people' || e.entity === 'workspace' || e.entity === 'places')) void reload();
  }), [reload]);
  const section = route[0] ?? 'dashboard';
  if (section === 'inspections' && route[2] === 'print') return <Suspense fallback={null}><InspectionPrint id={route[1]} /></Suspense>;
  return (
    <div className="shell">
      <nav className="sidebar">
        <div className="brand"><b>{t.appName}</b><small>{t.appSubtitle}</small></div>
        {NAV.map((n) => (
          <a key={n.path} href={`#/${n.path}`} className={section === n.path ? 'active' : ''}><span className="icon" aria-hidden>{n.icon}</span><span className="label">{n.label}</span></a>
        ))}
        <div className="sidebar-foot">
          <small>{d.info.settings.bureauName}</small>
          <div className="who">
            <span data-testid="current-person">{d.info.currentPerson ? `${t.person.current}：${d.info.currentPerson.name}` : '未选择人员'}</span>
            <button className="link" onClick={() => setChoosing(true)}>{t.person.switch}</button>
          </div>
        </div>
      </nav>
      <main className="content"><Page route={route} /></main>
      {choosing && <Suspense fallback={null}><PersonChooser onClose={() => setChoosing(false)} /></Suspense>}
    </div>
  );
}
