import { initWorkspace } from '../core/maintenance';

/** `qingshui init --data DIR --bureau NAME --county-code CODE --county-name NAME`: an empty workspace. */
export async function initCommand(dataDir: string, bureauName: string, countyCode: string, countyName: string): Promise<void> {
  const file = await initWorkspace(dataDir, { bureauName, countyCode, countyName });
  console.log(`已新建空白工作区：${file}`);
}
