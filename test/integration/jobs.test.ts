import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import type { WorkbenchEvent } from '../../electron/core/workbench';
import { generateDemo } from '../../electron/services/demo/generate';
import { openWorkbench, tempDir } from './helpers';

describe('long jobs', () => {
  it('an export reports its progress and stops when cancelled, leaving no file', async () => {
    const dir = tempDir();
    const builder = createWorkbench({ dataDir: dir, actor: 'system' });
    generateDemo(builder.store, { scale: 12 });
    builder.close();
    const wb = openWorkbench(dir, 'system');
    const events: WorkbenchEvent[] = [];
    wb.events.on('event', (e) => events.push(e));
    const done = await wb.call('ledgers.export', { ledgerId: 'enterprises', jobId: 'job-1' });
    expect(done.rows).toBe(4800);
    expect(events.filter((e) => e.type === 'progress' && e.job === 'job-1').length).toBeGreaterThan(0);
    const running = wb.dispatch('ledgers.export', { ledgerId: 'enterprises', jobId: 'job-2' });
    await wb.call('jobs.cancel', { jobId: 'job-2' });
    const r = await running;
    expect(r.ok ? '' : r.error.message).toBe('导出已取消，未写入任何内容');
    const files = readdirSync(join(dir, 'exports'));
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(files.length).toBe(1);
    expect(existsSync(join(dir, 'exports', done.file.name))).toBe(true);
  });
});
