import { DomainError } from '../../shared/api/result';

/** A long job (export, import) the user watches and may cancel; the window names it with its own id. */
export type Job = { progress(done: number, total: number, phase: string): void; checkCancelled(): void };

export type JobEvent = { type: 'progress'; job: string; done: number; total: number; phase: string };

/**
 * The running jobs of one workbench: progress goes out as events (at most every 100 ms), a cancel
 * request is noticed by the job at its next check and ends it with a Chinese message.
 */
export function createJobs(emit: (e: JobEvent) => void) {
  const cancelled = new Set<string>();
  return {
    start(id: string | undefined, what: string): Job {
      let last = 0;
      return {
        progress(done, total, phase) {
          if (!id) return;
          const now = Date.now();
          if (now - last < 100 && done < total) return;
          last = now;
          emit({ type: 'progress', job: id, done, total, phase });
        },
        checkCancelled() {
          if (id && cancelled.delete(id)) throw new DomainError('invalid', `${what}已取消，未写入任何内容`);
        },
      };
    },
    cancel(id: string) { cancelled.add(id); },
  };
}
export type Jobs = ReturnType<typeof createJobs>;
