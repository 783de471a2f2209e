import { useEffect, useState } from 'react';

/** useState that survives leaving and coming back to a page (kept for this browser session). */
export function usePersistentState<T>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const raw = sessionStorage.getItem(`qingshui.${key}`);
    return raw ? (JSON.parse(raw) as T) : initial;
  });
  useEffect(() => { sessionStorage.setItem(`qingshui.${key}`, JSON.stringify(value)); }, [key, value]);
  return [value, setValue];
}

/** Waits until typing pauses before passing a value on. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const timer = setTimeout(() => setV(value), ms); return () => clearTimeout(timer); }, [value, ms]);
  return v;
}
