import { existsSync } from 'node:fs';
import { Settings } from '../../shared/api/workspace';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError, invalidFields } from '../../shared/api/result';
import { createWorkbench, workspaceFile } from '../core/workbench';
import { assertNotInUse } from '../core/workspace-lock';
import { DEFAULT_SETTINGS, initCounty } from '../services/workspace';

/** `qingshui init --data DIR --bureau NAME --county-code CODE --county-name NAME`: an empty workspace. */
export function initCommand(dataDir: string, bureau: string, countyCode: string, countyName: string): void {
  if (existsSync(dataDir)) assertNotInUse(dataDir, '新建工作区');
  if (existsSync(workspaceFile(dataDir))) throw new DomainError('conflict', `“${dataDir}”中已有工作区`);
  const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, bureauName: bureau, countyCode, countyName });
  if (!parsed.success) throw invalidFields(issuesToFields(parsed.error.issues));
  const wb = createWorkbench({ dataDir, actor: 'system' });
  try {
    initCounty(wb.store, parsed.data);
  } finally {
    wb.close();
  }
  console.log(`已新建空白工作区：${workspaceFile(dataDir)}`);
}
