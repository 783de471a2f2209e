import { useState } from 'react';
import { ApiFailure } from '../api';
import { t } from '../i18n/zh-CN';
import { scrollToFirstError } from './field';

/**
 * The error state every form shares: local checks shown once a field is touched, the server's
 * field messages after a save, and one banner at the top.
 */
export function useFormErrors(localErrors: Record<string, string>, reveals: Record<string, string[]> = {}) {
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  return {
    banner,
    setBanner,
    errorOf: (key: string) => serverErrors[key] ?? (touched.has(key) ? localErrors[key] : undefined),
    /** Marks edited form keys as touched (with the error keys each reveals) and clears the server's word. */
    touch(keys: string[]) { setTouched(new Set([...touched, ...keys, ...keys.flatMap((k) => reveals[k] ?? [])])); setServerErrors({}); },
    /** On submit: shows every local error; true when there are any and the save must wait. */
    blocks(): boolean {
      setTouched(new Set([...touched, ...Object.keys(localErrors)]));
      if (!Object.keys(localErrors).length) return false;
      setBanner(t.common.fixErrors);
      scrollToFirstError();
      return true;
    },
    /** After a failed save: the server's field messages and its summary. */
    fail(e: unknown) {
      if (e instanceof ApiFailure) setServerErrors(e.fields);
      setBanner((e as Error).message);
      scrollToFirstError();
    },
  };
}
