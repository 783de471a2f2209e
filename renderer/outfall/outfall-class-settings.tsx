import { useState, type FormEvent } from 'react';
import { OUTFALL_TYPE_NAMES, OUTFALL_TYPES, type OutfallType } from '../../shared/domain/outfall-types';
import { ApiFailure, call } from '../api';
import { Field } from '../components/field';
import { useDirectories } from '../directories';

const lines = (text: string) => text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);

/**
 * 排污口分类 (issue 19): the 细类 of each of the five types, one per line. A type left as the national
 * list (国办函〔2022〕17号) is stored as nothing, so a later national change reaches it.
 */
export function OutfallClassSettings() {
  const d = useDirectories();
  const stored = d.info.settings.outfallSubTypes;
  const [v, setV] = useState<Record<OutfallType, string>>(() => Object.fromEntries(OUTFALL_TYPE_NAMES.map((t) => [t, (stored[t] ?? OUTFALL_TYPES[t]).join('\n')])) as Record<OutfallType, string>);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    const outfallSubTypes = Object.fromEntries(OUTFALL_TYPE_NAMES
      .map((t) => [t, lines(v[t])] as const)
      .filter(([t, list]) => list.length && list.join('\n') !== OUTFALL_TYPES[t].join('\n')));
    try {
      await call('workspace.updateSettings', { outfallSubTypes });
      setNote({ ok: true, text: '已保存' }); await d.reload();
    } catch (e) { setNote({ ok: false, text: e instanceof ApiFailure ? Object.values(e.fields)[0] ?? e.message : (e as Error).message }); }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-label="排污口分类设置">
      <h2>排污口分类</h2>
      <p className="muted">五个类型按 国办函〔2022〕17号；各类型下的细类可按本省排查整治技术要求调整，每行一个。清空或与国家分类相同则用国家分类。</p>
      {note && <p className={`banner ${note.ok ? 'ok' : 'error'}`} role={note.ok ? 'status' : 'alert'}>{note.text}</p>}
      <div className="form-grid">
        {OUTFALL_TYPE_NAMES.map((t) => (
          <Field key={t} label={t} hint={stored[t] ? '本省细类' : '国家分类'}>
            <textarea aria-label={`${t}细类`} rows={Math.min(9, Math.max(2, lines(v[t]).length + 1))} value={v[t]} onChange={(e) => setV({ ...v, [t]: e.target.value })} />
          </Field>
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={() => setV(Object.fromEntries(OUTFALL_TYPE_NAMES.map((t) => [t, OUTFALL_TYPES[t].join('\n')])) as Record<OutfallType, string>)}>恢复国家分类</button>
        <button type="submit" className="primary">保存</button>
      </div>
    </form>
  );
}
