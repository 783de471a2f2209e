import { createElement, type ComponentType, type LazyExoticComponent } from 'react';
import { onFirstOpen } from './on-first-open';

/** What a feature's entry takes: the hash route split into parts ('#/findings/ID' → ['findings', 'ID']). */
export type FeatureEntry = ComponentType<{ route: string[] }>;

/** Each navigation section's entry, by the route's first part; '' (and anything unknown) is the 工作台. */
export const FEATURES: Record<string, LazyExoticComponent<FeatureEntry>> = {
  dashboard: onFirstOpen(() => import('./dashboard/dashboard-page'), 'DashboardPage'),
  map: onFirstOpen(() => import('./map/map-page'), 'MapPage'),
  enterprises: onFirstOpen(() => import('./enterprise/enterprise-routes'), 'EnterpriseRoutes'),
  outfalls: onFirstOpen(() => import('./outfall/outfall-routes'), 'OutfallRoutes'),
  inspections: onFirstOpen(() => import('./inspection/inspection-routes'), 'InspectionRoutes'),
  findings: onFirstOpen(() => import('./finding/finding-routes'), 'FindingRoutes'),
  complaints: onFirstOpen(() => import('./complaint/complaint-routes'), 'ComplaintRoutes'),
  cases: onFirstOpen(() => import('./case/case-routes'), 'CaseRoutes'),
  plans: onFirstOpen(() => import('./plan/plan-routes'), 'PlanRoutes'),
  ledgers: onFirstOpen(() => import('./ledger/ledgers-page'), 'LedgersPage'),
  sync: onFirstOpen(() => import('./sync/sync-page').then((m) => ({ SyncPage: () => createElement(m.SyncPage) })), 'SyncPage'),
  settings: onFirstOpen(() => import('./settings/settings-page'), 'SettingsPage'),
  account: onFirstOpen(() => import('./auth/account-page'), 'AccountPage'),
};

/** The printable 现场检查笔录 ('#/inspections/ID/print'), shown without the shell. */
export const InspectionPrint = onFirstOpen(() => import('./inspection/inspection-print'), 'InspectionPrintPage');
export const DocumentPrint = onFirstOpen(() => import('./case/document-print'), 'DocumentPrintPage');
