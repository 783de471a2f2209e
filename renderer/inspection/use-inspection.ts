import { useCallback, useEffect, useRef, useState } from 'react';
import type { Inspection } from '../../shared/api/inspections';
import { call } from '../api';

/**
 * One inspection, kept current: every save goes straight to the core (crash-safe). An answer comes
 * back with what the core derived from it; other saves are followed by a quiet reload.
 */
export function useInspection(id: string) {
  const [insp, setInsp] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(0);
  const saves = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** A reload to do once the saves in flight settle (one was skipped, or saves overlapped). */
  const owed = useRef(false);
  const reload = useCallback(async () => {
    const seen = saves.current;
    try {
      const fresh = await call('inspections.get', { id });
      // A save that started meanwhile makes this copy stale (it would undo what was just typed): owed for later.
      if (saves.current === seen && pending.current === 0) setInsp(fresh);
      else owed.current = true;
    } catch (e) { setError((e as Error).message); }
  }, [id]);
  useEffect(() => { void reload(); }, [reload]);
  /** Reloads once saves settle (several quick answers → one reload). */
  const refreshSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => { if (pending.current === 0) void reload(); }, 250);
  }, [reload]);
  /**
   * Runs a save, counting it as pending so the page can say 正在保存 / 已保存. A save whose answer
   * carries what changed (an answer: its derived findings and problems) needs no reload.
   */
  const save = useCallback(async <T,>(fn: () => Promise<T>, { reload: again = true }: { reload?: boolean } = {}): Promise<T> => {
    // Saves in flight together may be answered out of order: what each says it changed is then not the last word.
    if (pending.current > 0) owed.current = true;
    pending.current++;
    saves.current++;
    setSaving((n) => n + 1);
    try { return await fn(); } finally {
      pending.current--;
      setSaving((n) => n - 1);
      if (again || (pending.current === 0 && owed.current)) { owed.current = false; refreshSoon(); }
    }
  }, [refreshSoon]);
  const [saving, setSaving] = useState(0);
  return { insp, setInsp, error, reload, save, saving: saving > 0 };
}
