import { useEffect, useRef, useState } from 'react';

/**
 * Takes a photo with the laptop's or tablet's camera: a live view, 拍摄 grabs the frame as a JPEG.
 * Resolves the base64 JPEG; a camera that is missing or refused is said in Chinese.
 */
export function CameraDialog(p: { onShot: (base64: string) => Promise<void>; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stream: MediaStream | null = null;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('unsupported');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 } }, audio: false });
        if (video.current) { video.current.srcObject = stream; await video.current.play(); }
      } catch {
        setError('无法打开摄像头（本机没有摄像头，或未允许使用）。请改用“添加照片”选择相机拍好的照片。');
      }
    })();
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, []);
  const shoot = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth; canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    setBusy(true);
    try { await p.onShot(canvas.toDataURL('image/jpeg', 0.9).replace(/^data:image\/jpeg;base64,/, '')); p.onClose(); }
    catch (e) { setError((e as Error).message); }
    finally { setBusy(false); }
  };
  return (
    <div className="modal-backdrop">
      <div className="modal camera" role="dialog" aria-label="拍照">
        <h2>拍照</h2>
        {error ? <p className="banner error" role="alert">{error}</p> : <video ref={video} playsInline muted onLoadedData={() => setReady(true)} />}
        <div className="actions">
          <button type="button" onClick={p.onClose}>关闭</button>
          {!error && <button type="button" aria-label="拍摄" className="primary" disabled={busy || !ready} onClick={() => void shoot()}>{busy ? '正在保存…' : ready ? '拍摄' : '正在打开摄像头…'}</button>}
        </div>
      </div>
    </div>
  );
}
