import { z } from 'zod';

/** Error codes a procedure may answer with (DESIGN §3). */
export const ERROR_CODES = ['invalid', 'not_found', 'conflict', 'forbidden', 'immutable', 'internal', 'unauthenticated', 'locked'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure as it crosses a process boundary; `fields` maps a field key to its Chinese message. */
export type ApiError = { code: ErrorCode; message: string; details?: { fields?: Record<string, string> } };
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A warning that does not stop a write (e.g. a USCC whose check character does not match). */
export const Warning = z.object({ field: z.string(), message: z.string() });
export type Warning = z.infer<typeof Warning>;

/** Thrown inside the core; the dispatcher turns it into `{ ok: false, error }`. */
export class DomainError extends Error {
  constructor(public readonly code: ErrorCode, message: string, public readonly fields?: Record<string, string>) {
    super(message);
  }
}

/** Builds an `invalid` error from field messages, its message naming each field. */
export function invalidFields(fields: Record<string, string>): DomainError {
  return new DomainError('invalid', Object.values(fields).join('；'), fields);
}
