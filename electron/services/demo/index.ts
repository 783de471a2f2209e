import { DomainError } from '../../../shared/api/result';
import { countAll } from '../../store/overview';
import { readSyncState } from '../../store/sync-state';
import type { ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { writeDemoAccounts } from './accounts';
import { protectDemo } from '../auth/index';
import { generateDemoLoop } from './closed-loop';
import { generateDemo } from './generate';
import { generateDemoPast } from './inspections';

/**
 * The demo county as a service like any other: `demo.generate` builds 清水县 into an empty workspace
 * (a workspace holding anything is refused: the demo never mixes with a bureau's records).
 */
export const demoHandlers = {
  'demo.generate': async (ctx: ServiceContext, { seed, scale, inspections, closedLoop, job: jobId }) => {
    if (readSyncState(ctx.store.db).hubUrl) throw new DomainError('conflict', '本工作区已登记到同步中心，演示数据不能写入（会同步到本县的真实数据中）');
    const existing = countAll(ctx.store.db);
    if (existing.enterprises + existing.outfalls + existing.regions > 0) {
      throw new DomainError('conflict', `工作区已有数据（${existing.enterprises} 家企业、${existing.outfalls} 个排污口），演示数据只能写入空工作区`);
    }
    const job = ctx.jobs?.start(jobId, '生成演示县');
    const summary = generateDemo(ctx.store, { seed, scale, onProgress: (done, total) => job?.progress(done, total, '生成排污单位与排污口') });
    const written = await generateDemoPast(ctx.store, { seed, scale, count: inspections, onProgress: (done, total) => job?.progress(done, total, '生成检查记录') });
    const loop = closedLoop
      ? generateDemoLoop({ ...ctx, actor: 'system' }, { seed, scale })
      : { findings: countAll(ctx.store.db).findings, complaints: 0, cases: 0, plans: 0 };
    const accounts = await writeDemoAccounts(ctx.store);
    // The demo is protected at rest as a bureau's workspace is (issue 18): its data folder reveals nothing.
    const recoveryCode = ctx.store.key ? null : await protectDemo(ctx.store, accounts);
    return { ...summary, inspections: written, ...loop, accounts, recoveryCode };
  },
} satisfies Partial<Handlers>;
