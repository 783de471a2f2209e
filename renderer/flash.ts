import type { Warning } from '../shared/api/result';

/** Warnings from the last save, shown once on the page the save leads to. */
let pending: Warning[] = [];
export function setFlashWarnings(w: Warning[]): void { pending = w; }
export function takeFlashWarnings(): Warning[] { const w = pending; pending = []; return w; }
