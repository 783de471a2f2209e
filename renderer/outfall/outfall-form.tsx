import type { OutfallDraft } from '../../shared/api/outfalls';
import {
  APPROVAL_STATES, CODE_STATES, DISCHARGE_PATTERNS, ENTRY_MODES, OUTFALL_TYPE_NAMES, REMEDIATION_CATEGORIES, classificationOf, type OutfallClassification,
  REMEDIATION_STATES, RESPONSIBLE_KINDS, SIGN_STATES, needsApproval, type OutfallType,
} from '../../shared/domain/outfall-types';
import { labelOf } from '../../shared/api/labels';
import { call } from '../api';
import { useRegisterForm } from '../components/use-register-form';
import { CoordinateInputs, coordinateTextOf, parseCoordinateText, type CoordinateText } from '../components/coordinate-inputs';
import { RecordForm } from '../components/record-form';
import { DischargeStandardFields } from '../components/discharge-standard-fields';
import { EnterprisePicker } from '../components/record-picker';
import { Choice, Field } from '../components/field';
import { TownVillagePicker } from '../components/region-picker';
import { WaterBodySelect } from '../components/water-picker';
import { useDirectories } from '../directories';
import { t } from '../i18n/zh-CN';
import { outfallFieldProblems } from '../../shared/domain/register-checks';

const L = (field: string) => labelOf(field, 'outfall');

type Form = Omit<OutfallDraft, 'lon' | 'lat' | 'coordSystem' | 'sectionDistanceKm'> & { coords: CoordinateText; distance: string; enterpriseName: string | null };

const blank = (system: string): Form => ({
  name: '', code: null, localCode: null, codeState: '暂不掌握', type: '工业排污口', subType: '工业企业排污口', waterBodyId: null,
  watershedId: null, townCode: '', villageCode: null, entryMode: null, dischargePattern: null, enterpriseId: null, enterpriseName: null,
  approvalState: null, signState: null, remediationCategory: null, remediationState: null, nearestSection: '', distance: '', note: '',
  dischargeStandard: null, permitLimits: null, coords: { lon: '', lat: '', system },
  responsibleKind: null, responsibleName: '', responsibleUscc: null, responsibleContact: '', responsiblePhone: '', approvalNumber: null, approvalDate: null,
  remediationMeasures: '', remediationPlannedAt: null, remediationDoneAt: null, postMonitoring: '', closureEvidence: '',
});

function localCheck(f: Form, classification: OutfallClassification): Record<string, string> {
  const errors = outfallFieldProblems(f, { classification });
  if (!f.name.trim()) errors.name = '请填写排污口名称';
  if (!f.townCode) errors.townCode = '请选择所属镇街';
  if (f.distance && !(Number(f.distance) >= 0)) errors.sectionDistanceKm = '距离应为不小于0的数字（km）';
  Object.assign(errors, parseCoordinateText(f.coords).errors);
  return errors;
}

/** A new outfall placed on the map (排查新发现): its coordinates come in the route, in the map's CGCS2000. */
function pickedOnMap(f: Form): Form {
  const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const lon = q.get('lon'), lat = q.get('lat');
  return lon && lat ? { ...f, coords: { lon, lat, system: 'CGCS2000' }, codeState: '暂不掌握', type: '暂无法确定', subType: '暂无法确定', note: '地图选点（排查新发现）', townCode: q.get('town') ?? f.townCode, villageCode: q.get('village') ?? f.villageCode } : f;
}

/** Create or edit an 入河排污口 across 查 (codes, type), 测/溯 (water, responsible party) and 治. */
export function OutfallFormPage({ id }: { id?: string }) {
  const d = useDirectories();
  const classification = classificationOf(d.info.settings.outfallSubTypes);
  const { form, waiting, set, submit, errorOf, banner } = useRegisterForm<Form>({
    id, check: (f) => ({ errors: localCheck(f, classification) }),
    reveals: { coords: ['lon', 'lat'], distance: ['sectionDistanceKm'], remediationState: ['remediationCategory'] },
    blank: () => { const f = pickedOnMap(blank(d.info.settings.defaultCoordSystem)); return { ...f, subType: classification[f.type].includes(f.subType) ? f.subType : classification[f.type][0] }; },
    load: async (key) => {
      const o = await call('outfalls.get', { id: key });
      return { ...o, distance: o.sectionDistanceKm === null ? '' : String(o.sectionDistanceKm), coords: coordinateTextOf(o.lon, o.lat) };
    },
    save: async (f) => {
      const { lon, lat } = parseCoordinateText(f.coords);
      const { coords, distance, enterpriseName: _n, ...rest } = f;
      const draft = { ...rest, lon, lat, coordSystem: coords.system as OutfallDraft['coordSystem'], sectionDistanceKm: distance === '' ? null : Number(distance) };
      const saved = id ? await call('outfalls.update', { id, patch: draft }) : await call('outfalls.create', draft);
      return { to: `/outfalls/${saved.outfall.id}`, warnings: saved.warnings };
    },
  });
  if (!form) return waiting;

  const subTypes = classification[form.type];
  return (
    <RecordForm title={id ? t.outfall.edit : t.outfall.new} backTo={id ? `/outfalls/${id}` : '/outfalls'} banner={banner} onSubmit={submit}>
      <section className="card">
        <h2>{t.outfall.sections.basic}</h2>
        <div className="form-grid">
          <Field label={L('name')} required error={errorOf('name')} wide><input name="name" value={form.name} onChange={(e) => set({ name: e.target.value })} /></Field>
          <Field label={L('type')} required>
            <Choice name="type" value={form.type} options={OUTFALL_TYPE_NAMES} onChange={(v) => { const type = (v ?? '其他排口') as OutfallType; set({ type, subType: classification[type][0] }); }} />
          </Field>
          <Field label={L('subType')} required error={errorOf('subType')} warning={needsApproval(form.subType) ? '此类排污口须办理设置审批' : undefined}>
            <Choice name="subType" value={form.subType} options={subTypes} onChange={(v) => set({ subType: v ?? subTypes[0] })} />
          </Field>
          <Field label={L('codeState')}><Choice name="codeState" value={form.codeState} options={CODE_STATES} onChange={(v) => set({ codeState: (v ?? '暂不掌握') as Form['codeState'] })} /></Field>
          <Field label={L('code')} error={errorOf('code')}><input name="code" value={form.code ?? ''} onChange={(e) => { const code = e.target.value.toUpperCase() || null; set({ code, ...(code && form.codeState === '暂不掌握' ? { codeState: '已掌握' as const } : {}) }); }} /></Field>
          <Field label={L('localCode')} error={errorOf('localCode')}><input name="localCode" value={form.localCode ?? ''} onChange={(e) => set({ localCode: e.target.value.toUpperCase() || null })} /></Field>
          <Field label={L('entryMode')}><Choice name="entryMode" value={form.entryMode} options={ENTRY_MODES} allowEmpty="（未查明）" onChange={(v) => set({ entryMode: v as Form['entryMode'] })} /></Field>
          <Field label={L('dischargePattern')}><Choice name="dischargePattern" value={form.dischargePattern} options={DISCHARGE_PATTERNS} allowEmpty="（未查明）" onChange={(v) => set({ dischargePattern: v as Form['dischargePattern'] })} /></Field>
        </div>
      </section>
      <section className="card">
        <h2>{t.outfall.sections.water}</h2>
        <div className="form-grid">
          <Field label={L('waterBodyId')} error={errorOf('waterBodyId') ?? errorOf('watershedId')} hint="流域随受纳水体自动确定"><WaterBodySelect value={form.waterBodyId} onChange={(waterBodyId) => set({ waterBodyId, watershedId: null })} /></Field>
          <Field label="所属镇街 / 村居" required error={errorOf('townCode') ?? errorOf('villageCode')} wide>
            <TownVillagePicker town={form.townCode} village={form.villageCode} onChange={(townCode, villageCode) => set({ townCode, villageCode })} />
          </Field>
          <Field label="坐标" error={errorOf('lon') ?? errorOf('lat')} hint={t.coords.hint} wide><CoordinateInputs value={form.coords} onChange={(coords) => set({ coords })} /></Field>
          <Field label={L('nearestSection')}><input name="nearestSection" value={form.nearestSection} onChange={(e) => set({ nearestSection: e.target.value })} /></Field>
          <Field label={L('sectionDistanceKm')} error={errorOf('sectionDistanceKm')}><input name="sectionDistanceKm" inputMode="decimal" value={form.distance} onChange={(e) => set({ distance: e.target.value })} /></Field>
          <DischargeStandardFields dischargeStandard={form.dischargeStandard} permitLimits={form.permitLimits} error={errorOf('dischargeStandard') ?? errorOf('permitLimits')}
            hint={form.subType === '城镇污水处理厂排污口' ? '城镇污水处理厂执行 GB 18918-2002（按环评批复或排污许可证载明的级别）' : undefined} onChange={set} />
        </div>
      </section>
      <section className="card">
        <h2>{t.outfall.sections.trace}</h2>
        <div className="form-grid">
          <Field label={L('responsibleKind')}><Choice name="responsibleKind" value={form.responsibleKind} options={RESPONSIBLE_KINDS} allowEmpty="（尚未查明）" onChange={(v) => set({ responsibleKind: v as Form['responsibleKind'] })} /></Field>
          {!form.responsibleKind || form.responsibleKind === '企业' || form.enterpriseId ? (
            <Field label={L('enterpriseId')} error={errorOf('enterpriseId')} wide>
              <EnterprisePicker value={form.enterpriseId} name={form.enterpriseName} onChange={(enterpriseId, enterpriseName) => set({ enterpriseId, enterpriseName, ...(enterpriseId ? { responsibleKind: '企业' as const } : {}) })} />
            </Field>
          ) : null}
          {form.responsibleKind && !form.enterpriseId && <>
            <Field label={L('responsibleName')} error={errorOf('responsibleName')}><input name="responsibleName" value={form.responsibleName} onChange={(e) => set({ responsibleName: e.target.value })} /></Field>
            <Field label={L('responsibleUscc')} error={errorOf('responsibleUscc')} hint="机关、村（居）委会等也有统一社会信用代码（11、54 开头等）"><input name="responsibleUscc" value={form.responsibleUscc ?? ''} onChange={(e) => set({ responsibleUscc: e.target.value.toUpperCase().trim() || null })} /></Field>
          </>}
          {form.responsibleKind && <>
            <Field label={L('responsibleContact')}><input name="responsibleContact" value={form.responsibleContact} onChange={(e) => set({ responsibleContact: e.target.value })} /></Field>
            <Field label={L('responsiblePhone')} error={errorOf('responsiblePhone')}><input name="responsiblePhone" value={form.responsiblePhone} onChange={(e) => set({ responsiblePhone: e.target.value })} /></Field>
          </>}
          <Field label={L('approvalState')}><Choice name="approvalState" value={form.approvalState} options={APPROVAL_STATES} allowEmpty="（未查明）" onChange={(v) => set({ approvalState: v as Form['approvalState'] })} /></Field>
          <Field label={L('approvalNumber')}><input name="approvalNumber" value={form.approvalNumber ?? ''} onChange={(e) => set({ approvalNumber: e.target.value.trim() || null })} /></Field>
          <Field label={L('approvalDate')}><input type="date" name="approvalDate" value={form.approvalDate ?? ''} onChange={(e) => set({ approvalDate: e.target.value || null })} /></Field>
          <Field label={L('signState')}><Choice name="signState" value={form.signState} options={SIGN_STATES} allowEmpty="（未查明）" onChange={(v) => set({ signState: v as Form['signState'] })} /></Field>
        </div>
      </section>
      <section className="card">
        <h2>{t.outfall.sections.remediation}</h2>
        <div className="form-grid">
          <Field label={L('remediationCategory')} error={errorOf('remediationCategory')}><Choice name="remediationCategory" value={form.remediationCategory} options={REMEDIATION_CATEGORIES} allowEmpty="（无需整治/未定）" onChange={(v) => set({ remediationCategory: v as Form['remediationCategory'] })} /></Field>
          <Field label={L('remediationState')}><Choice name="remediationState" value={form.remediationState} options={REMEDIATION_STATES} allowEmpty="（无）" onChange={(v) => set({ remediationState: v as Form['remediationState'] })} /></Field>
          {form.remediationCategory && <>
            <Field label={L('remediationMeasures')} wide><textarea name="remediationMeasures" value={form.remediationMeasures} onChange={(e) => set({ remediationMeasures: e.target.value })} /></Field>
            <Field label={L('remediationPlannedAt')}><input type="date" name="remediationPlannedAt" value={form.remediationPlannedAt ?? ''} onChange={(e) => set({ remediationPlannedAt: e.target.value || null })} /></Field>
            <Field label={L('remediationDoneAt')} error={errorOf('remediationDoneAt')}><input type="date" name="remediationDoneAt" value={form.remediationDoneAt ?? ''} onChange={(e) => set({ remediationDoneAt: e.target.value || null })} /></Field>
            <Field label={L('postMonitoring')} wide><textarea name="postMonitoring" value={form.postMonitoring} placeholder="如：2026-10-12 采样，COD 32 mg/L，达标" onChange={(e) => set({ postMonitoring: e.target.value })} /></Field>
            <Field label={L('closureEvidence')} error={errorOf('closureEvidence')} warning={form.remediationState === '已销号' && !form.closureEvidence.trim() ? '已销号的排污口应写明销号佐证材料' : undefined} wide><textarea name="closureEvidence" value={form.closureEvidence} placeholder="如：整治前后照片、监测报告、镇街验收意见" onChange={(e) => set({ closureEvidence: e.target.value })} /></Field>
          </>}
          <Field label={L('note')} wide><textarea name="note" value={form.note} onChange={(e) => set({ note: e.target.value })} /></Field>
        </div>
      </section>
    </RecordForm>
  );
}
