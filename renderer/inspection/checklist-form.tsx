import { useMemo, useState } from 'react';
import type { Inspection } from '../../shared/api/inspections';
import { isFailing, visibleItemIds, type Answers } from '../../shared/checklist/answers';
import { withTargetLimits } from '../../shared/checklist/limits';
import type { Item, TemplateDefinition } from '../../shared/checklist/template';
import { ApiFailure, call } from '../api';
import { ItemInput } from './item-input';
import { RecheckInput } from './recheck-input';
import { LocationInput } from './location-input';
import { PhotoStrip } from './photo-strip';
import { useDirectories } from '../directories';
import { photoWarnings } from '../../shared/inspection/photo-check';
import type { Photo } from '../../shared/api/inspections';
import { SignatureBox } from './signature-box';

type Props = {
  insp: Inspection; shown: Record<string, string>; setAnswer: (itemId: string, value: unknown) => void; itemErrors: Record<string, string>;
  setItemError: (itemId: string, message: string | null) => void; save: <T>(fn: () => Promise<T>, opts?: { reload?: boolean }) => Promise<T>; reload: () => void;
  /** What the core derived from an answer (proposed findings, what keeps the draft from being finalized). */
  setDerived: (d: Pick<Inspection, 'findings' | 'problems'>) => void;
};

/** The checklist: sections of items, hidden ones skipped, failing ones marked, each answer saved as made. */
export function ChecklistForm({ insp, shown, setAnswer, itemErrors, setItemError, save, reload, setDerived }: Props) {
  const photoCheck = useDirectories().info.settings.photoCheck;
  const warn = (ph: Photo) => photoWarnings(ph, insp, photoCheck);
  const answers = insp.answers as Answers;
  // Readings judged by the target's discharge limits follow the answers as they are made (氨氮 by water temperature).
  const def = useMemo(() => withTargetLimits(insp.template.definition as TemplateDefinition, insp.targetExtra, answers), [insp.template.definition, insp.targetExtra, answers]);
  const visible = useMemo(() => visibleItemIds(def, answers), [def, answers]);
  const onSave = (item: Item) => async (value: unknown) => {
    setAnswer(item.id, value);
    try {
      const { findings, problems } = await save(() => call('inspections.answer', { id: insp.id, itemId: item.id, value }), { reload: false });
      setDerived({ findings, problems });
      setItemError(item.id, null);
    } catch (e) {
      setItemError(item.id, e instanceof ApiFailure ? (e.fields[item.id] ?? e.message) : (e as Error).message);
    }
  };
  return (
    <>
      {def.sections.map((section) => {
        const items = section.items.filter((i) => visible.has(i.id));
        if (!items.length) return null;
        return (
          <section key={section.id} className="card checklist-section" aria-label={section.title}>
            <h2>{section.title}</h2>
            {items.map((item) => {
              const value = answers[item.id]?.value ?? null;
              const failing = isFailing(item, value);
              const problem = itemErrors[item.id] ?? shown[item.id];
              return (
                <div key={item.id} className={`check-item${failing ? ' failing' : ''}${problem ? ' has-error' : ''}`} data-item={item.id}>
                  <div className="check-label">
                    {item.label}{item.required && <span className="req">*</span>}
                    {item.hint && <small className="muted"> {item.hint}</small>}
                    {failing && <span className="tag red">不符合 → 问题</span>}
                  </div>
                  <div className="check-input">
                    {item.type === 'photo'
                      ? <PhotoStrip inspectionId={insp.id} itemId={item.id} label={item.label} photos={insp.photos.filter((p) => p.itemId === item.id)} max={item.maxCount} save={save} onChanged={reload} warn={warn} />
                      : item.type === 'location'
                        ? <LocationInput label={item.label} value={(value as { lat: number; lon: number } | null)} onSave={(v) => void onSave(item)(v)} />
                        : item.type === 'signature'
                          ? <SignatureBox role={`item:${item.id}`} title={item.label} name={insp.present.name} signature={insp.signatures.find((s) => s.role === `item:${item.id}`)}
                              onSign={async (png, signerName) => { await save(() => call('inspections.sign', { id: insp.id, role: `item:${item.id}`, signerName: signerName || '签名人', pngBase64: png })); reload(); }} />
                          : item.type === 'problems'
                            ? <RecheckInput label={item.label} value={value} open={insp.openProblems} onSave={(v) => void onSave(item)(v)} />
                            : <ItemInput item={item} value={value} onSave={(v) => void onSave(item)(v)} />}
                    {!['photo', 'location', 'signature', 'problems'].includes(item.type) && (
                      <ProofPhotos insp={insp} itemId={item.id} label={item.label} save={save} reload={reload} warn={warn} />
                    )}
                    {problem && <span className="field-error" role="alert">{problem}</span>}
                  </div>
                </div>
              );
            })}
          </section>
        );
      })}
    </>
  );
}

/** Photos attached to the item they prove (issue 20): shown when there are some, else one small button opens the strip. */
function ProofPhotos(p: { insp: Inspection; itemId: string; label: string; save: <T>(fn: () => Promise<T>) => Promise<T>; reload: () => void; warn: (ph: Photo) => string[] }) {
  const photos = p.insp.photos.filter((x) => x.itemId === p.itemId);
  const [open, setOpen] = useState(false);
  if (!photos.length && !open) return <button type="button" className="link proof-photo" onClick={() => setOpen(true)} aria-label={`${p.label}：附照片`}>附照片</button>;
  return <PhotoStrip inspectionId={p.insp.id} itemId={p.itemId} label={`${p.label}（佐证）`} photos={photos} max={10} save={p.save} onChanged={p.reload} warn={p.warn} />;
}
