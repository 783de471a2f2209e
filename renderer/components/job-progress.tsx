import { useEffect, useRef, useState } from 'react';
import { call, onCoreEvent } from '../api';

type Progress = { done: number; total: number; phase: string };

/**
 * A long job the page starts (export, import): a fresh id to pass to the core, the progress the core
 * reports for it, and cancel. `run` gives the id to the call and clears the progress when it ends.
 */
export function useJob() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  useEffect(() => onCoreEvent((e) => {
    const p = e as { type: string; job?: string; done?: number; total?: number; phase?: string };
    if (p.type === 'progress' && p.job === current.current) setProgress({ done: p.done ?? 0, total: p.total ?? 0, phase: p.phase ?? '' });
  }), []);
  const run = async <T,>(fn: (jobId: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    current.current = id;
    setRunning(id);
    setProgress(null);
    try { return await fn(id); } finally { current.current = null; setRunning(null); setProgress(null); }
  };
  const cancel = () => { if (running) void call('jobs.cancel', { jobId: running }); };
  return { run, cancel, running: running !== null, progress };
}

/** The progress line of a job with its 取消 button. */
export function JobProgress({ job, label }: { job: ReturnType<typeof useJob>; label: string }) {
  if (!job.running) return null;
  const p = job.progress;
  const pct = p && p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  return (
    <div className="job-progress" aria-live="polite" aria-label={`${label}进度`}>
      <span>{p ? `正在${p.phase} ${p.done.toLocaleString('zh-CN')} / ${p.total.toLocaleString('zh-CN')}` : `正在${label}…`}</span>
      <progress max={100} value={pct ?? undefined} />
      <button type="button" className="link danger" onClick={job.cancel}>取消</button>
    </div>
  );
}
