import { useEffect, useState, type ReactNode } from 'react';
import type { Warning } from '../../shared/api/result';
import { setFlashWarnings } from '../flash';
import { t } from '../i18n/zh-CN';
import { navigate } from '../router';
import { useFormErrors } from './use-form-errors';

/** What a register form (排污单位, 排污口) is made of: its blank, how it loads, checks and saves. */
export type RegisterFormSpec<F> = {
  id?: string;
  blank: () => F;
  load: (id: string) => Promise<F>;
  /** Checks that need no server, shown as the person types; warnings do not stop a save. */
  check: (f: F) => { errors: Record<string, string>; warnings?: Record<string, string> };
  /** Form keys whose edit also reveals other error keys (coordinates → lon and lat). */
  reveals?: Record<string, string[]>;
  /** Saves through the service; the page to open afterwards and the service's warnings. */
  save: (f: F) => Promise<{ to: string; warnings: Warning[] }>;
};

/**
 * The state of a create/edit page of a register: the form (null while an edit loads), local checks
 * shown once touched, the server's field messages, and a save that opens the record after.
 */
export function useRegisterForm<F>(spec: RegisterFormSpec<F>) {
  const [form, setForm] = useState<F | null>(spec.id ? null : spec.blank);
  const [loadError, setLoadError] = useState<string | null>(null);
  const local = form ? spec.check(form) : { errors: {} };
  const errs = useFormErrors(local.errors, spec.reveals);
  useEffect(() => {
    if (spec.id) spec.load(spec.id).then(setForm, (err: Error) => setLoadError(err.message));
  }, [spec.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const waiting: ReactNode = form ? null : <div className="page">{loadError ? <p className="banner error">{loadError}</p> : t.common.loading}</div>;
  return {
    form, waiting, errorOf: errs.errorOf, banner: errs.banner,
    /** The local checks' word now, touched or not. */
    local: { errors: local.errors as Record<string, string>, warnings: local.warnings ?? {} },
    set(patch: Partial<F>) {
      setForm({ ...form!, ...patch });
      errs.touch(Object.keys(patch));
    },
    async submit() {
      if (!form || errs.blocks()) return;
      try {
        const saved = await spec.save(form);
        setFlashWarnings(saved.warnings);
        navigate(saved.to);
      } catch (e) {
        errs.fail(e);
      }
    },
  };
}
