import { useEffect, useState } from 'react';
import type { Inspection } from '../../shared/api/inspections';
import { call } from '../api';
import { useDirectories } from '../directories';
import { RecordBody } from './record-body';

/**
 * The printable 现场检查笔录, without the app's chrome. When every image has loaded it marks the
 * body ready (the desktop and CLI printers wait for that); `?auto=1` opens the print dialog.
 */
export function InspectionPrintPage({ id }: { id: string }) {
  const d = useDirectories();
  const [insp, setInsp] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { call('inspections.get', { id }).then(setInsp, (e: Error) => setError(e.message)); }, [id]);
  useEffect(() => {
    if (!insp) return;
    document.title = `现场检查（勘察）笔录 - ${insp.targetName}`;
    const images = Array.from(document.images);
    void Promise.all(images.map((img) => (img.complete ? Promise.resolve() : new Promise((r) => { img.onload = r; img.onerror = r; })))).then(() => {
      document.body.dataset.printReady = '1';
      if (window.location.hash.includes('auto=1')) window.print();
    });
  }, [insp]);
  if (error) return <p className="banner error">{error}</p>;
  if (!insp) return <p className="muted">加载中…</p>;
  return <div className="print-page"><RecordBody insp={insp} bureauName={d.info.settings.bureauName} photoCheck={d.info.settings.photoCheck} /></div>;
}
