import type { Action } from '../auth/permissions';
import type { ProcedureName } from './index';

/** The action each procedure needs: every procedure is named here (the type requires it). */
export const PROCEDURE_ACTIONS: Record<ProcedureName, Action> = {
  'auth.status': 'public', 'auth.signIn': 'public', 'auth.setup': 'public', 'auth.recover': 'public',
  'auth.signOut': 'session', 'auth.lock': 'session', 'auth.unlock': 'session', 'auth.setPin': 'session', 'auth.changePassword': 'session', 'auth.touch': 'session',
  'auth.accounts': 'accounts', 'auth.createAccount': 'accounts', 'auth.updateAccount': 'accounts', 'auth.resetPassword': 'accounts',
  'audit.list': 'audit', 'audit.export': 'audit', 'audit.reveal': 'read',
  'workspace.init': 'settings', 'workspace.verify': 'read', 'workspace.info': 'read', 'workspace.updateSettings': 'settings',
  'workspace.signIn': 'public', 'workspace.stats': 'read', 'workspace.overview': 'read', 'workspace.history': 'read',
  'sync.status': 'read', 'sync.enroll': 'accounts', 'sync.run': 'sync', 'sync.conflicts': 'read', 'sync.resolve': 'sync', 'sync.duplicates': 'read',
  'sync.rejected': 'read', 'sync.quarantine': 'accounts', 'sync.releaseQuarantined': 'accounts', 'sync.devices': 'accounts', 'sync.setDeviceState': 'accounts',
  'sync.users': 'accounts', 'sync.addUser': 'accounts', 'sync.updateUser': 'accounts', 'sync.exportBundle': 'sync', 'sync.importBundle': 'sync',
  'workspaces.list': 'read', 'workspaces.createEmpty': 'settings', 'workspaces.open': 'settings',
  'demo.generate': 'settings',
  'places.regions': 'read', 'places.water': 'read', 'places.saveRegion': 'registers', 'places.saveWatershed': 'registers', 'places.saveWaterBody': 'registers',
  'people.list': 'read', 'people.create': 'accounts', 'people.update': 'accounts',
  'enterprises.list': 'read', 'enterprises.get': 'read', 'enterprises.create': 'registers', 'enterprises.update': 'registers', 'enterprises.remove': 'registers',
  'outfalls.list': 'read', 'outfalls.get': 'read', 'outfalls.create': 'registers', 'outfalls.update': 'registers', 'outfalls.remove': 'registers',
  'checklists.list': 'read', 'checklists.get': 'read', 'checklists.import': 'checklists', 'checklists.newVersion': 'checklists', 'checklists.retire': 'checklists',
  'inspections.list': 'read', 'inspections.get': 'read', 'inspections.start': 'inspect', 'inspections.updateHeader': 'inspect', 'inspections.answer': 'inspect',
  'inspections.addPhoto': 'inspect', 'inspections.removePhoto': 'inspect', 'inspections.sign': 'inspect', 'inspections.reviewFinding': 'inspect',
  'inspections.finalize': 'inspect', 'inspections.correct': 'correct', 'inspections.discard': 'inspect',
  'findings.list': 'read', 'findings.get': 'read', 'findings.act': 'findings', 'findings.assign': 'findings', 'findings.create': 'findings', 'findings.facets': 'read',
  'complaints.list': 'read', 'complaints.get': 'read', 'complaints.create': 'complaints', 'complaints.renumber': 'complaints', 'complaints.act': 'complaints',
  'cases.list': 'read', 'cases.get': 'read', 'cases.draftFrom': 'cases', 'cases.create': 'cases', 'cases.act': 'cases',
  'plans.directory': 'read', 'plans.setCategory': 'plans', 'plans.addConflict': 'plans', 'plans.removeConflict': 'plans', 'plans.list': 'read',
  'plans.create': 'plans', 'plans.get': 'read', 'plans.draw': 'plans', 'plans.verify': 'read', 'plans.release': 'plans', 'plans.myTasks': 'read',
  'dashboard.get': 'read',
  'map.importBoundaries': 'settings', 'map.layers': 'read', 'map.points': 'read', 'map.basemap': 'read', 'map.setBasemap': 'settings',
  'ledgers.list': 'read', 'ledgers.preview': 'read', 'ledgers.export': 'ledgers', 'ledgers.exportWithTemplate': 'ledgers', 'ledgers.import': 'import', 'ledgers.exports': 'read',
  'jobs.cancel': 'session',
};
