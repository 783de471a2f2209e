/** The bytes of a file the user picked, as base64 (how files travel to the core in both hosts). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`无法读取“${file.name}”`));
    reader.readAsDataURL(file);
  });
}

/**
 * A file the user picked, as a form hands it to the core: a recording or a scan streamed to the host
 * first (any size, issue 19), a photo as base64 (it is re-encoded and checked in the core).
 */
export async function handedFile(file: File, stage: (f: File) => Promise<string>): Promise<{ name: string; base64?: string; upload?: string }> {
  const streamed = /\.(mp4|mov|m4a|mp3|aac|wav|pdf)$/i.test(file.name) || /^(video|audio)\//.test(file.type) || file.type === 'application/pdf';
  return streamed ? { name: file.name, upload: await stage(file) } : { name: file.name, base64: await readFileBase64(file) };
}
