import { createWriteStream, rmSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../shared/api/result';
import { MAX_STREAMED_BYTES, MAX_STREAMED_SHEET_BYTES, newStagedUpload, STREAMED_KINDS } from '../services/uploads';

export { uploadProcedure } from '../services/uploads';
import type { Workbench } from './workbench';

/**
 * Receives a file a page hands in as a stream (a 执法记录仪 recording, issue 19) into the workspace's
 * uploads folder under a random name, never holding it: the name is what a procedure is then given
 * (`{ name, upload }` in a form's files). Refused past `MAX_STREAMED_BYTES`, or for a kind not taken
 * this way; a broken or refused transfer leaves nothing behind. The procedure that takes it proves its
 * type from its bytes and removes it.
 */
export async function receiveUpload(wb: Workbench, ext: string, body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream, max?: number): Promise<string> {
  const kind = `.${ext.toLowerCase().replace(/^\./, '')}`;
  const limit = max ?? (kind === '.xlsx' ? MAX_STREAMED_SHEET_BYTES : MAX_STREAMED_BYTES);
  if (!STREAMED_KINDS.includes(kind)) throw new DomainError('invalid', `不接受“${kind}”文件的上传：录音录像请用 MP4、MOV、M4A、MP3、AAC、WAV，扫描件用 PDF，台账用 .xlsx，备份用 .qingshui，底图用 .mbtiles`);
  const { name, path } = newStagedUpload(wb.store.file, kind);
  let size = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) done(new DomainError('invalid', limit >= 1024 ** 3 ? `文件超过 ${Math.round(limit / 1024 ** 3)} GB，请剪取相关片段后再附上` : `文件超过 ${Math.round(limit / 1024 ** 2)} MB`));
      else done(null, chunk);
    },
  });
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    await pipeline(body as AsyncIterable<Uint8Array>, counted, out);
  } catch (e) {
    // The file is opened asynchronously: removed only once the stream has closed, or it could appear after.
    if (!out.closed) await new Promise<void>((done) => out.once('close', () => done()));
    rmSync(path, { force: true });
    if (e instanceof DomainError) throw e;
    throw new DomainError('invalid', `文件未能完整上传：${(e as Error).message}`);
  }
  if (size === 0) { rmSync(path, { force: true }); throw new DomainError('invalid', '文件为空'); }
  return name;
}
