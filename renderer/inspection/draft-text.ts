import { useEffect, useState } from 'react';

/**
 * A text that saves when the inspector pauses (600 ms) or leaves the field — never only on leaving, so a
 * reload right after typing loses nothing (issue 20) — and never loses a keystroke to a reload of the page's data.
 */
export function useDraftText(value: unknown, onSave: (v: string) => void) {
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  useEffect(() => { setText(value === null || value === undefined ? '' : String(value)); }, [value]);
  useEffect(() => {
    const current = value === null || value === undefined ? '' : String(value);
    if (text === current) return;
    const timer = setTimeout(() => onSave(text), 600);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return { text, setText, flush: () => { const current = value === null || value === undefined ? '' : String(value); if (text !== current) onSave(text); } };
}
