import { useEffect, useState } from 'react';
import { onCoreEvent } from './api';
import { PersonChooser } from './components/person-chooser';
import { useDirectories } from './directories';
import { t } from './i18n/zh-CN';
import { CaseFormPage } from './pages/case-form';
import { CaseListPage } from './pages/case-list';
import { CasePage } from './pages/case-page';
import { ComplaintFormPage } from './pages/complaint-form';
import { ComplaintListPage } from './pages/complaint-list';
import { ComplaintPage } from './pages/complaint-page';
import { DashboardPage } from './pages/dashboard';
import { FindingFormPage } from './pages/finding-form';
import { FindingListPage } from './pages/finding-list';
import { FindingPage } from './pages/finding-page';
import { MapPage } from './pages/map';
import { PlanPage } from './pages/plan-page';
import { PlanFormPage, PlansPage } from './pages/plans';
import { EnterpriseDetailPage } from './pages/enterprise-detail';
import { EnterpriseFormPage } from './pages/enterprise-form';
import { EnterpriseListPage } from './pages/enterprise-list';
import { OutfallDetailPage } from './pages/outfall-detail';
import { OutfallFormPage } from './pages/outfall-form';
import { OutfallListPage } from './pages/outfall-list';
import { InspectionListPage } from './pages/inspection-list';
import { InspectionPage } from './pages/inspection-page';
import { InspectionPrintPage } from './pages/inspection-print';
import { InspectionStartPage } from './pages/inspection-start';
import { LedgersPage } from './pages/ledgers';
import { SettingsPage } from './pages/settings';
import { SyncPage } from './pages/sync';
import { useRoute } from './router';

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

function Page({ route }: { route: string[] }) {
  const [section, id, action] = route;
  switch (section) {
    case 'enterprises':
      if (id === 'new') return <EnterpriseFormPage />;
      if (id && action === 'edit') return <EnterpriseFormPage key={id} id={id} />;
      if (id) return <EnterpriseDetailPage key={id} id={id} />;
      return <EnterpriseListPage />;
    case 'outfalls':
      if (id === 'new') return <OutfallFormPage />;
      if (id && action === 'edit') return <OutfallFormPage key={id} id={id} />;
      if (id) return <OutfallDetailPage key={id} id={id} />;
      return <OutfallListPage />;
    case 'inspections':
      if (id === 'new') return <InspectionStartPage />;
      if (id) return <InspectionPage key={id} id={id} />;
      return <InspectionListPage />;
    case 'findings':
      if (id === 'new') return <FindingFormPage />;
      if (id) return <FindingPage key={id} id={id} />;
      return <FindingListPage key={window.location.hash} />;
    case 'complaints':
      if (id === 'new') return <ComplaintFormPage />;
      if (id) return <ComplaintPage key={id} id={id} />;
      return <ComplaintListPage key={window.location.hash} />;
    case 'cases':
      if (id === 'new') return <CaseFormPage key={window.location.hash} />;
      if (id) return <CasePage key={id} id={id} />;
      return <CaseListPage key={window.location.hash} />;
    case 'plans':
      if (id === 'new') return <PlanFormPage />;
      if (id) return <PlanPage key={id} id={id} />;
      return <PlansPage />;
    case 'map':
      return <MapPage />;
    case 'ledgers':
      return <LedgersPage />;
    case 'settings':
      return <SettingsPage />;
    case 'sync':
      return <SyncPage />;
    default:
      return <DashboardPage />;
  }
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
  if (section === 'inspections' && route[2] === 'print') return <InspectionPrintPage id={route[1]} />;
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
      {choosing && <PersonChooser onClose={() => setChoosing(false)} />}
    </div>
  );
}
