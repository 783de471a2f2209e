import { DomainError } from '../../../shared/api/result';
import { itemsOf } from '../../../shared/checklist/template';
import { localSecond } from '../../../shared/domain/local-time';
import { putBlob } from '../../store/blob-store';
import { INSPECTION_ANSWER, INSPECTION_PHOTO, INSPECTION_RECORDING, INSPECTION_SIGNATURE } from '../../store/entities';
import { photosOf, recordingsOf, signaturesOf } from '../../store/inspections';
import { storeHandedFile } from '../evidence-files';
import { authorOf, newId, type ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { bytesOf, intakePhoto, intakeSignature } from '../photo-intake';
import { mustGetDraft, templateOf } from './view';

/** Photos attached to one checklist item as its proof (a photo item has its own maximum). */
const MAX_PROOF_PHOTOS = 10;

export const evidenceHandlers = {
  'inspections.addPhoto': async (ctx, { id, itemId, fileName, caption, base64, capturedAt }) => {
    authorOf(ctx);
    const i = mustGetDraft(ctx, id);
    if (itemId) {
      // A photo item's own photos, or (issue 20) a photo attached to the item it proves — an answer, a reading.
      const item = itemsOf(templateOf(ctx, i.templateId).definition).find((x) => x.item.id === itemId)?.item;
      if (!item) throw new DomainError('invalid', `检查表中没有检查项“${itemId}”`);
      if (['signature', 'location', 'problems'].includes(item.type)) throw new DomainError('invalid', `“${item.label}”不能附照片`);
      const max = item.type === 'photo' ? item.maxCount : MAX_PROOF_PHOTOS;
      const have = photosOf(ctx.store.db, id).filter((p) => p.itemId === itemId).length;
      if (have >= max) throw new DomainError('invalid', `“${item.label}”最多 ${max} 张照片`, { [itemId]: `最多 ${max} 张照片` });
    }
    const photo = await intakePhoto(bytesOf(base64, '照片'), fileName);
    // Re-read after the await: the draft may have been finalized meanwhile.
    const author = authorOf(ctx);
    mustGetDraft(ctx, id);
    const photoId = newId();
    ctx.store.transaction(() => {
      const sha256 = putBlob(ctx.store.db, ctx.store.blobDir, photo.bytes, fileName);
      const thumbSha256 = putBlob(ctx.store.db, ctx.store.blobDir, photo.thumbnail, fileName);
      ctx.store.write(INSPECTION_PHOTO, photoId, {
        inspectionId: id, itemId, sha256, thumbSha256, fileName, caption, takenAt: photo.takenAt ?? capturedAt, lat: photo.lat, lon: photo.lon,
        width: photo.width, height: photo.height,
      }, author);
    });
    return photosOf(ctx.store.db, id).find((p) => p.id === photoId)!;
  },
  'inspections.removePhoto': (ctx, { id, photoId }) => {
    const author = authorOf(ctx);
    mustGetDraft(ctx, id);
    if (!photosOf(ctx.store.db, id).some((p) => p.id === photoId)) throw new DomainError('not_found', '未找到该照片');
    ctx.store.write(INSPECTION_PHOTO, photoId, { deletedAt: new Date().toISOString() }, author);
    return { id: photoId };
  },
  'inspections.addRecording': async (ctx, { id, file, caption, recordedAt, purpose }) => {
    authorOf(ctx);
    mustGetDraft(ctx, id);
    if (recordedAt && recordedAt > localSecond().slice(0, 16)) throw new DomainError('invalid', '录制时间不能晚于现在', { recordedAt: '录制时间不能晚于现在' });
    const stored = await storeHandedFile(ctx.store, file, (type) => (type.startsWith('video/') || type.startsWith('audio/') ? null : `“${file.name}”不是录音或录像（MP4、M4A、MP3、AAC、WAV）：照片请在照片栏添加`));
    // Re-read after the await: the draft may have been finalized meanwhile.
    const author = authorOf(ctx);
    mustGetDraft(ctx, id);
    const recordingId = newId();
    ctx.store.write(INSPECTION_RECORDING, recordingId, {
      inspectionId: id, sha256: stored.sha256, fileName: file.name, caption, mime: stored.mime, size: stored.size, recordedAt, purpose,
    }, author);
    return recordingsOf(ctx.store.db, id).find((r) => r.id === recordingId)!;
  },
  'inspections.removeRecording': (ctx, { id, recordingId }) => {
    const author = authorOf(ctx);
    mustGetDraft(ctx, id);
    if (!recordingsOf(ctx.store.db, id).some((r) => r.id === recordingId)) throw new DomainError('not_found', '未找到该录音录像');
    ctx.store.write(INSPECTION_RECORDING, recordingId, { deletedAt: new Date().toISOString() }, author);
    return { id: recordingId };
  },
  'inspections.sign': async (ctx, { id, role, signerName, pngBase64, refusedReason }) => {
    authorOf(ctx);
    const i = mustGetDraft(ctx, id);
    const officer = role.startsWith('officer:') ? i.officers.find((o) => `officer:${o.personId}` === role) : undefined;
    // A checklist item of type signature is signed the same way; its answer names the signature.
    const item = role.startsWith('item:') ? itemsOf(templateOf(ctx, i.templateId).definition).find((x) => `item:${x.item.id}` === role && x.item.type === 'signature')?.item : undefined;
    if (!['inspected', 'recorder', 'witness'].includes(role) && !officer && !item) throw new DomainError('invalid', '签名人身份无效（只能是被检查单位现场负责人、检查人、记录人、见证人或检查表中的签名题）');
    if (refusedReason && role !== 'inspected') throw new DomainError('invalid', '只有被检查单位现场负责人可以记录拒绝签名');
    if (!refusedReason && !pngBase64) throw new DomainError('invalid', '请先在签名框内签名');
    const png = pngBase64 && !refusedReason ? await intakeSignature(bytesOf(pngBase64, '签名')) : null;
    const author = authorOf(ctx);
    mustGetDraft(ctx, id);
    ctx.store.transaction(() => {
      const sha256 = png ? putBlob(ctx.store.db, ctx.store.blobDir, png, '签名') : null;
      ctx.store.write(INSPECTION_SIGNATURE, `${id}/${role}`, {
        inspectionId: id, role, signerName: officer ? officer.name : signerName, sha256, signedAt: localSecond(), refusedReason: refusedReason ?? null,
      }, author);
      if (item) ctx.store.write(INSPECTION_ANSWER, `${id}/${item.id}`, { inspectionId: id, itemId: item.id, value: sha256 ? { sha256 } : null, note: '' }, author);
    });
    return signaturesOf(ctx.store.db, id).find((s) => s.role === role)!;
  },
} satisfies Partial<Handlers>;
