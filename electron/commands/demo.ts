import { DomainError } from '../../shared/api/result';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkbench, workspaceFile } from '../core/workbench';
import { blobDirOf } from '../store/blob-store';
import { assertNotInUse } from '../core/workspace-lock';
import { generateDemo } from '../services/demo/generate';
import { generateDemoLoop } from '../services/demo/closed-loop';
import { generateDemoPast } from '../services/demo/inspections';
import { countAll } from '../store/overview';

/** `qingshui demo --data DIR [--seed S] [--scale N]`: builds the fictional county into an empty workspace. */
export async function demoCommand(dataDir: string, seed: number, scale: number, json: boolean, inspections?: number): Promise<void> {
  if (!Number.isInteger(seed) || seed < 0) throw new DomainError('invalid', '--seed 应为非负整数');
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new DomainError('invalid', '--scale 应为 1–1000 的整数');
  if (existsSync(dataDir)) assertNotInUse(dataDir, '写入演示数据');
  if (existsSync(workspaceFile(dataDir))) {
    const target = createWorkbench({ dataDir, actor: 'system' });
    const existing = countAll(target.store.db);
    target.close();
    if (existing.enterprises + existing.outfalls + existing.regions > 0) {
      throw new DomainError('conflict', `“${dataDir}”中的工作区已有数据（${existing.enterprises} 家企业、${existing.outfalls} 个排污口），演示数据只能写入空工作区`);
    }
  }
  // All or nothing: the county is built in a staging folder and moved into place whole at the end,
  // so a demo killed half-way leaves no half-built workspace (a re-run clears the staging folder).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = join(dataDir, '.demo-staging');
  rmSync(staging, { recursive: true, force: true });
  const wb = createWorkbench({ dataDir: staging, actor: 'system' });
  let built = false;
  try {
    const started = Date.now();
    let lastShown = 0;
    const summary = generateDemo(wb.store, {
      seed, scale,
      onProgress: (done, total) => {
        if (!json && process.stderr.isTTY && Date.now() - lastShown > 200) { lastShown = Date.now(); process.stderr.write(`\r生成中 ${done}/${total}`); }
      },
    });
    const written = await generateDemoPast(wb.store, {
      seed, scale, count: inspections,
      onProgress: (done, total) => {
        if (!json && process.stderr.isTTY) process.stderr.write(`\r生成检查记录 ${done}/${total}`);
      },
    });
    const loop = generateDemoLoop({ store: wb.store, session: { personId: null }, actor: 'system' }, { seed, scale });
    built = true;
    wb.close();
    for (const from of [blobDirOf(workspaceFile(staging)), workspaceFile(staging)]) {
      const to = join(dataDir, from.slice(staging.length + 1));
      if (existsSync(from)) { rmSync(to, { recursive: true, force: true }); renameSync(from, to); }
    }
    rmSync(staging, { recursive: true, force: true });
    if (json) console.log(JSON.stringify({ ...summary, inspections: written, ...loop, ms: Date.now() - started }));
    else console.log(`${process.stderr.isTTY ? '\n' : ''}已生成演示县“清水县”：${summary.enterprises} 家排污单位、${summary.outfalls} 个入河排污口、${summary.regions} 个区划、${summary.people} 名人员、过去一年 ${written} 份已定稿的现场检查记录、${loop.findings} 个问题（各整改阶段）、${loop.complaints} 件信访、${loop.cases} 起案件和 1 个已发布的双随机抽查计划（种子 ${seed}，规模 ×${scale}，用时 ${Date.now() - started} ms）`);
  } finally {
    if (!built) { wb.close(); rmSync(staging, { recursive: true, force: true }); }
  }
}
