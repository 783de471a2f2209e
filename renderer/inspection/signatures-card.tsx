import type { Inspection } from '../../shared/api/inspections';
import { call } from '../api';
import { SignatureBox } from './signature-box';

/** Signatures of the record: the person present (or a refusal and a witness), each officer, the recorder. */
export function SignaturesCard({ insp, save, reload, disabled }: { insp: Inspection; save: <T>(fn: () => Promise<T>) => Promise<T>; reload: () => void; disabled?: boolean }) {
  const by = new Map(insp.signatures.map((s) => [s.role, s]));
  const sign = (role: string) => async (png: string | null, signerName: string, refusedReason: string | null) => {
    await save(() => call('inspections.sign', { id: insp.id, role, signerName, pngBase64: png, refusedReason }));
    reload();
  };
  const missing = Object.entries(insp.problems).filter(([k]) => k.startsWith('signature:')).map(([, m]) => m);
  const needsWitness = !!by.get('inspected')?.refusedReason || by.has('witness');
  return (
    <section className="card" aria-label="签名">
      <h2>签名</h2>
      {missing.length > 0 && !disabled && <p className="muted">尚缺：{missing.join('；')}</p>}
      <div className="signature-grid">
        <SignatureBox role="inspected" title="被检查单位现场负责人" name={insp.present.name} signature={by.get('inspected')} disabled={disabled} allowRefusal onSign={sign('inspected')} />
        {insp.officers.map((o) => (
          <SignatureBox key={o.personId} role={`officer:${o.personId}`} title="检查人" name={`${o.name}（${o.certificateNo ?? '无证号'}）`} signature={by.get(`officer:${o.personId}`)} disabled={disabled} onSign={sign(`officer:${o.personId}`)} />
        ))}
        {insp.recorder && <SignatureBox role="recorder" title="记录人" name={insp.recorder.name} signature={by.get('recorder')} disabled={disabled} onSign={sign('recorder')} />}
        {(needsWitness || !disabled) && <SignatureBox role="witness" title="见证人（当事人拒签时）" name="" signature={by.get('witness')} disabled={disabled} onSign={sign('witness')} />}
      </div>
    </section>
  );
}
