import { useEffect, useState } from 'react';
import { t } from '../i18n/zh-CN';
import { navigate } from '../router';

/** Loads one record for a detail page; `remove` asks, tombstones it and returns to the list. */
export function useRecord<T>(id: string, load: (id: string) => Promise<T>, removeCall: (id: string) => Promise<unknown>, listPath: string) {
  const [record, setRecord] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRecord(null);
    load(id).then(setRecord, (e: Error) => setError(e.message));
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps
  const remove = async () => {
    if (!window.confirm(t.common.confirmRemove)) return;
    try { await removeCall(id); navigate(listPath); } catch (e) { setError((e as Error).message); }
  };
  return { record, error, remove };
}
