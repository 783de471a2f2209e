import type { PermitLimits } from '../../shared/standards/discharge-standards';
import { DISCHARGE_STANDARD_CHOICES, PERMIT_STANDARD, POLLUTANTS, POLLUTANT_KEYS, type Pollutant } from '../../shared/standards/discharge-standards';
import { Field } from './field';

type Value = { dischargeStandard: string | null; permitLimits: PermitLimits | null };

const number = (text: string): number | undefined => (text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text));

/**
 * 执行标准 of an enterprise or outfall (issue 19): a national standard's grade, or the permit's (or a
 * sector's or province's) limits entered per pollutant. What a sampled discharge is judged against.
 */
export function DischargeStandardFields(p: Value & { onChange: (v: Partial<Value>) => void; error?: string; hint?: string }) {
  const permit = p.permitLimits ?? { standardName: '' };
  const setLimit = (k: Pollutant, side: 'min' | 'max', text: string) => {
    const limit = { ...permit[k], [side]: number(text) };
    p.onChange({ permitLimits: { ...permit, [k]: limit.min === undefined && limit.max === undefined ? undefined : limit } });
  };
  return (
    <>
      <Field label="执行标准（排放限值）" error={p.error} hint={p.hint ?? '现场采样读数按此判定；未设定则只记录、不自动判定'} wide>
        <select name="dischargeStandard" value={p.dischargeStandard ?? ''} onChange={(e) => p.onChange({ dischargeStandard: e.target.value || null, permitLimits: e.target.value === PERMIT_STANDARD ? p.permitLimits : null })}>
          <option value="">（未设定）</option>
          {DISCHARGE_STANDARD_CHOICES.map((c) => <option key={c.id} value={c.id}>{c.name} — {c.appliesTo}</option>)}
        </select>
      </Field>
      {p.dischargeStandard === PERMIT_STANDARD && (
        <Field label="许可排放限值" wide hint="按排污许可证（或行业、地方排放标准）逐项填写；未填的项目不判定">
          <div className="permit-limits">
            <label>限值依据 <input name="permitStandardName" value={permit.standardName} placeholder="如：排污许可证 91360799…001P；GB 4287-2012 表2" onChange={(e) => p.onChange({ permitLimits: { ...permit, standardName: e.target.value } })} /></label>
            {POLLUTANT_KEYS.map((k) => (
              <label key={k}>{POLLUTANTS[k].name}（{POLLUTANTS[k].unit}）
                {k === 'ph' && <input name="permit-ph-min" inputMode="decimal" placeholder="下限" defaultValue={permit.ph?.min ?? ''} onChange={(e) => setLimit('ph', 'min', e.target.value)} />}
                <input name={`permit-${k}`} inputMode="decimal" placeholder={k === 'ph' ? '上限' : '≤'} defaultValue={permit[k]?.max ?? ''} onChange={(e) => setLimit(k, 'max', e.target.value)} />
              </label>
            ))}
          </div>
        </Field>
      )}
    </>
  );
}
