/** The bytes of a file the user picked, as base64 (how files travel to the core in both hosts). */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`无法读取“${file.name}”`));
    reader.readAsDataURL(file);
  });
}
