import { shownTime } from '../../shared/domain/local-time';
import { useRef, useState } from 'react';
import type { Photo } from '../../shared/api/inspections';
import { blobUrl, call } from '../api';
import { localMinute } from '../../shared/domain/local-time';
import { CameraDialog } from './camera-dialog';
import { readFileBase64 } from '../file-base64';

const MAX_BYTES = 50 * 1024 * 1024;

/** The photos of one item (or of the record): thumbnails, EXIF time and place, add from file or camera, remove. */
export function PhotoStrip(p: {
  inspectionId: string; itemId: string | null; label: string; photos: Photo[]; max: number; disabled?: boolean;
  /** What is off about a photo against the inspection (EXIF time or place far away). */
  warn?: (ph: Photo) => string[];
  save: <T>(fn: () => Promise<T>) => Promise<T>; onChanged: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);
  const [camera, setCamera] = useState(false);
  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    const problems: string[] = [];
    for (const file of Array.from(files)) {
      if (file.size > MAX_BYTES) { problems.push(`“${file.name}”有 ${(file.size / 1048576).toFixed(1)} MB，超过 50 MB，请压缩后再添加`); continue; }
      setBusy((n) => n + 1);
      try {
        const base64 = await readFileBase64(file);
        await p.save(() => call('inspections.addPhoto', { id: p.inspectionId, itemId: p.itemId, fileName: file.name, base64 }));
      } catch (e) { problems.push((e as Error).message); } finally { setBusy((n) => n - 1); }
    }
    setErrors(problems);
    if (input.current) input.current.value = '';
    p.onChanged();
  };
  const remove = async (photo: Photo) => {
    if (!window.confirm(`从本次检查中移除照片“${photo.fileName}”？`)) return;
    await p.save(() => call('inspections.removePhoto', { id: p.inspectionId, photoId: photo.id }));
    p.onChanged();
  };
  return (
    <div className="photo-strip">
      {p.photos.map((ph) => (
        <figure key={ph.id} className="photo">
          <a href={blobUrl(ph.sha256)} target="_blank" rel="noreferrer"><img src={blobUrl(ph.thumbSha256)} alt={ph.fileName} /></a>
          <figcaption>
            {ph.takenAt ? shownTime(ph.takenAt) : '无拍摄时间'}
            {ph.lat !== null && <span title={`${ph.lon}, ${ph.lat}`}> · 有定位</span>}
            {(p.warn?.(ph) ?? []).map((w) => <span key={w} className="tag warn photo-warning" title={w}>⚠ {w}</span>)}
            {!p.disabled && <button type="button" className="link" aria-label={`移除${ph.fileName}`} onClick={() => void remove(ph)}>移除</button>}
          </figcaption>
        </figure>
      ))}
      {!p.disabled && p.photos.length < p.max && (
        <label className="photo add">
          <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple aria-label={`${p.label}：添加照片`}
            onChange={(e) => void add(e.target.files)} />
          <span>{busy ? '正在保存…' : '＋ 添加照片'}</span>
        </label>
      )}
      {!p.disabled && p.photos.length < p.max && <button type="button" className="camera-button" onClick={() => setCamera(true)}>拍照</button>}
      {camera && (
        <CameraDialog onClose={() => setCamera(false)} onShot={async (base64) => {
          const at = localMinute();
          await p.save(() => call('inspections.addPhoto', { id: p.inspectionId, itemId: p.itemId, fileName: `现场拍摄-${at.replace(/[-:T]/g, '')}.jpg`, base64, capturedAt: at }));
          p.onChanged();
        }} />
      )}
      {errors.map((e, i) => <p key={i} className="field-error" role="alert">{e}</p>)}
    </div>
  );
}
