import type { Input, Output, ProcedureName, Result } from '../shared/api/index';
import { labelOf } from '../shared/api/labels';
import type { ApiError } from '../shared/api/result';

/** What the preload script exposes in the desktop window. */
type Bridge = {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(cb: (e: unknown) => void): () => void;
  printToPdf(inspectionId: string): Promise<Result<{ path: string | null }>>;
  stageFile(file: File, kind?: string): Promise<Result<{ upload: string }>>;
};
declare global { interface Window { qingshui?: Bridge } }

/** A failed call, carrying the core's error (code, Chinese message, field messages). */
export class ApiFailure extends Error {
  constructor(public readonly error: ApiError, private readonly procedure = '') { super(error.message); }
  /** Field messages without the field's own label (the form shows it already). */
  get fields(): Record<string, string> {
    const fields = this.error.details?.fields ?? {};
    const entity = this.procedure.split('.')[0];
    return Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, m.startsWith(`${labelOf(k, entity)}：`) ? m.slice(labelOf(k, entity).length + 1) : m]));
  }
}

// The browser host's session is an HttpOnly cookie set when the printed address is first opened
// (the host cleans the token out of the address bar); pages, files and events go with it.

async function transport(name: string, input: unknown): Promise<Result<unknown>> {
  if (window.qingshui) return window.qingshui.invoke(name, input);
  let res: Response;
  try {
    res = await fetch(`/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
  } catch {
    return { ok: false, error: { code: 'internal', message: '无法连接工作台服务，请确认程序仍在运行' } };
  }
  return (await res.json()) as Result<unknown>;
}

/** Calls a procedure of the core; resolves with its output or throws ApiFailure. */
export async function call<K extends ProcedureName>(name: K, input: Input<K>): Promise<Output<K>> {
  const result = await transport(name, input);
  if (!result.ok) {
    // Signed out or locked behind the page's back (idle lock, account disabled): the sign-in gate looks again.
    if ((result.error.code === 'unauthenticated' || result.error.code === 'locked') && !name.startsWith('auth.')) window.dispatchEvent(new Event('qingshui:auth-lost'));
    throw new ApiFailure(result.error, name);
  }
  return result.value as Output<K>;
}

/** Subscribes to core events (record changes, job progress); returns the unsubscribe function. */
export function onCoreEvent(cb: (e: { type: string; entity?: string }) => void): () => void {
  if (window.qingshui) return window.qingshui.onEvent((e) => cb(e as { type: string }));
  const source = new EventSource('/events');
  source.onmessage = (m) => cb(JSON.parse(m.data as string) as { type: string });
  return () => source.close();
}

/**
 * Hands a large file (a recording, a sheet to import) to the host as a stream, not as base64 in a form
 * (issues 19, 20); `kind` says what it is meant as when its name has no ending:
 * resolves with the name a procedure is then given as `{ name, upload }`.
 */
export async function stageFile(file: File, kind?: string): Promise<string> {
  let result: Result<{ upload: string }>;
  if (window.qingshui) result = await window.qingshui.stageFile(file, kind);
  else {
    const ext = kind ?? (/\.([A-Za-z0-9]{2,5})$/.exec(file.name)?.[1] ?? '').toLowerCase();
    try {
      const res = await fetch(`/uploads/${ext || 'bin'}`, { method: 'POST', body: file });
      result = (await res.json()) as Result<{ upload: string }>;
    } catch {
      result = { ok: false, error: { code: 'internal', message: `“${file.name}”未能上传：请确认程序仍在运行` } };
    }
  }
  if (!result.ok) throw new ApiFailure(result.error);
  return result.value.upload;
}

/** Where the page loads a stored photo or signature from (the host serves blobs by SHA-256). */
export function blobUrl(sha256: string): string {
  return `/blobs/${sha256}`;
}

/**
 * Prints a record: the desktop app saves a PDF where the user chooses; the browser opens the print
 * page, whose print dialog saves a PDF. Resolves with the saved path, or null.
 */
export async function printRecord(inspectionId: string): Promise<string | null> {
  if (window.qingshui) {
    const r = await window.qingshui.printToPdf(inspectionId);
    if (!r.ok) throw new ApiFailure(r.error);
    return r.value.path;
  }
  window.open(`${window.location.pathname}#/inspections/${inspectionId}/print?auto=1`, '_blank');
  return null;
}

/** Where the page downloads a ledger exported into the workspace's exports folder. */
export function exportUrl(name: string): string {
  return `/exports/${encodeURIComponent(name)}`;
}

/** The offline basemap's tile address (served by the host from the workspace's tile package). */
export function tileUrlTemplate(): string {
  return '/tiles/{z}/{x}/{y}';
}
