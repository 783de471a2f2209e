import type { EnterpriseDraft } from '../../shared/api/enterprises';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../../shared/domain/enterprise-fields';
import { COMMON_INDUSTRY_CLASSES, industryName } from '../../shared/domain/industry';
import { labelOf } from '../../shared/api/labels';
import { call } from '../api';
import { useRegisterForm } from '../components/use-register-form';
import { CoordinateInputs, coordinateTextOf, parseCoordinateText, type CoordinateText } from '../components/coordinate-inputs';
import { RecordForm } from '../components/record-form';
import { DischargeStandardFields } from '../components/discharge-standard-fields';
import { KEY_UNIT_CATEGORIES, permitValidity } from '../../shared/domain/permit';
import { Choice, Field } from '../components/field';
import { TownVillagePicker } from '../components/region-picker';
import { WatershedSelect } from '../components/water-picker';
import { useDirectories } from '../directories';
import { t } from '../i18n/zh-CN';
import { enterpriseFieldProblems } from '../../shared/domain/register-checks';

const L = (field: string) => labelOf(field, 'enterprise');

type Form = Omit<EnterpriseDraft, 'lon' | 'lat' | 'coordSystem' | 'tags'> & { coords: CoordinateText; tags: string };

const blank = (system: string): Form => ({
  name: '', uscc: '', pollutionSourceCode: null, industryCode: null, permitClass: null, keyUnit: false, state: '在产',
  address: '', townCode: '', villageCode: null, watershedId: null, legalRepresentative: '', contactName: '', contactPhone: '',
  note: '', tags: '', dischargeStandard: null, permitLimits: null, coords: { lon: '', lat: '', system },
  permitNumber: null, permitIssuer: '', permitValidFrom: null, permitValidTo: null, registrationNumber: null, keyUnitCategories: [],
});

/** Checks that need no server: shown as the person types. */
function localCheck(f: Form): { errors: Record<string, string>; warnings: Record<string, string> } {
  const { errors, uscc: u } = enterpriseFieldProblems(f, { maskedAllowed: true });
  const warnings: Record<string, string> = {};
  if (!f.name.trim()) errors.name = '请填写单位名称';
  if (!f.uscc.trim()) errors.uscc = '请填写统一社会信用代码';
  else if (u.ok && !u.checkMatches) warnings.uscc = `校验位不符（按 GB 32100 应为“${u.expectedCheck}”）：可以保存，请核对营业执照`;
  if (!f.townCode) errors.townCode = '请选择所属镇街';
  if (f.permitNumber && !errors.permitNumber && u.ok && f.permitNumber.slice(0, 18) !== u.code) warnings.permitNumber = '前18位与本单位统一社会信用代码不一致：可以保存，请核对许可证正本';
  Object.assign(errors, parseCoordinateText(f.coords).errors);
  return { errors, warnings };
}

/** Create or edit an 排污单位, with inline validation and the server's word on save. */
export function EnterpriseFormPage({ id }: { id?: string }) {
  const d = useDirectories();
  const { form, waiting, set, submit, errorOf, banner, local } = useRegisterForm<Form>({
    id, check: localCheck, reveals: { coords: ['lon', 'lat'] },
    blank: () => blank(d.info.settings.defaultCoordSystem),
    load: async (key) => {
      const e = await call('enterprises.get', { id: key });
      return { ...e, tags: e.tags.join('，'), coords: coordinateTextOf(e.lon, e.lat) };
    },
    save: async (f) => {
      const { lon, lat } = parseCoordinateText(f.coords);
      const { coords, tags, ...rest } = f;
      const draft = { ...rest, lon, lat, coordSystem: coords.system as EnterpriseDraft['coordSystem'], tags: tags.split(/[，,、\s]+/).filter(Boolean) };
      const saved = id ? await call('enterprises.update', { id, patch: draft }) : await call('enterprises.create', draft);
      return { to: `/enterprises/${saved.enterprise.id}`, warnings: saved.warnings };
    },
  });
  if (!form) return waiting;
  const validity = permitValidity(form.permitValidTo, d.info.today);

  return (
    <RecordForm title={id ? t.enterprise.edit : t.enterprise.new} backTo={id ? `/enterprises/${id}` : '/enterprises'} banner={banner} onSubmit={submit}>
      <section className="card">
        <h2>{t.enterprise.sections.basic}</h2>
        <div className="form-grid">
          <Field label={L('name')} required error={errorOf('name')} wide><input name="name" value={form.name} onChange={(e) => set({ name: e.target.value })} /></Field>
          <Field label={L('uscc')} required error={errorOf('uscc')} warning={local.warnings.uscc} hint="18位，GB 32100">
            <input name="uscc" value={form.uscc} maxLength={18} onChange={(e) => set({ uscc: e.target.value.toUpperCase() })} />
          </Field>
          <Field label={L('pollutionSourceCode')} error={errorOf('pollutionSourceCode')} hint="信用代码 + 3位顺序码 + P">
            <input name="pollutionSourceCode" value={form.pollutionSourceCode ?? ''} onChange={(e) => set({ pollutionSourceCode: e.target.value.toUpperCase() || null })} />
          </Field>
          <Field label={L('industryCode')} error={errorOf('industryCode')} hint={form.industryCode && !local.errors.industryCode ? industryName(form.industryCode) : '如 C2614'}>
            <input name="industryCode" list="industry-codes" value={form.industryCode ?? ''} onChange={(e) => set({ industryCode: e.target.value.toUpperCase() || null })} />
            <datalist id="industry-codes">{Object.entries(COMMON_INDUSTRY_CLASSES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</datalist>
          </Field>
          <Field label={L('permitClass')}><Choice name="permitClass" value={form.permitClass} options={PERMIT_CLASSES} allowEmpty="（无）" onChange={(v) => set({ permitClass: v as Form['permitClass'] })} /></Field>
          <Field label={L('state')}><Choice name="state" value={form.state} options={ENTERPRISE_STATES} onChange={(v) => set({ state: (v ?? '在产') as Form['state'] })} /></Field>
          <Field label={L('keyUnit')}><label className="check"><input type="checkbox" name="keyUnit" checked={form.keyUnit || form.keyUnitCategories.length > 0} disabled={form.keyUnitCategories.length > 0} onChange={(e) => set({ keyUnit: e.target.checked })} />列入环境监管重点单位名录</label></Field>
          <Field label={L('keyUnitCategories')} wide hint="环境监管重点单位名录管理办法（2022）：可同时属于多类">
            <div className="checks" role="group" aria-label={L('keyUnitCategories')}>
              {KEY_UNIT_CATEGORIES.map((c) => (
                <label key={c} className="check"><input type="checkbox" checked={form.keyUnitCategories.includes(c)}
                  onChange={(e) => set({ keyUnitCategories: e.target.checked ? [...form.keyUnitCategories, c] : form.keyUnitCategories.filter((x) => x !== c) })} />{c}</label>
              ))}
            </div>
          </Field>
          <Field label={L('legalRepresentative')}><input name="legalRepresentative" value={form.legalRepresentative} onChange={(e) => set({ legalRepresentative: e.target.value })} /></Field>
          <Field label={L('tags')} hint="用逗号分隔，如 涉VOCs，园区企业"><input name="tags" value={form.tags} onChange={(e) => set({ tags: e.target.value })} /></Field>
          {(form.permitClass === '重点管理' || form.permitClass === '简化管理') && <>
            <Field label={L('permitNumber')} error={errorOf('permitNumber')} warning={local.warnings.permitNumber} hint="照许可证正本：信用代码 + 3位顺序码 + 字母">
              <input name="permitNumber" value={form.permitNumber ?? ''} onChange={(e) => set({ permitNumber: e.target.value.toUpperCase().trim() || null })} />
            </Field>
            <Field label={L('permitIssuer')}><input name="permitIssuer" value={form.permitIssuer} placeholder="如：赣州市生态环境局" onChange={(e) => set({ permitIssuer: e.target.value })} /></Field>
            <Field label={L('permitValidFrom')}><input type="date" name="permitValidFrom" value={form.permitValidFrom ?? ''} onChange={(e) => set({ permitValidFrom: e.target.value || null })} /></Field>
            <Field label={L('permitValidTo')} error={errorOf('permitValidTo')} warning={validity.state === 'expired' || validity.state === 'expiring' ? validity.text : undefined}>
              <input type="date" name="permitValidTo" value={form.permitValidTo ?? ''} onChange={(e) => set({ permitValidTo: e.target.value || null })} />
            </Field>
          </>}
          {form.permitClass === '登记管理' && (
            <Field label={L('registrationNumber')} error={errorOf('registrationNumber')} hint="照排污登记回执"><input name="registrationNumber" value={form.registrationNumber ?? ''} onChange={(e) => set({ registrationNumber: e.target.value.toUpperCase().trim() || null })} /></Field>
          )}
          <DischargeStandardFields dischargeStandard={form.dischargeStandard} permitLimits={form.permitLimits} error={errorOf('dischargeStandard') ?? errorOf('permitLimits')}
            hint={form.industryCode?.startsWith('D462') ? '污水处理企业：城镇污水处理厂执行 GB 18918-2002' : undefined} onChange={set} />
        </div>
      </section>
      <section className="card">
        <h2>{t.enterprise.sections.location}</h2>
        <div className="form-grid">
          <Field label="所属镇街 / 村居" required error={errorOf('townCode') ?? errorOf('villageCode')} wide>
            <TownVillagePicker town={form.townCode} village={form.villageCode} onChange={(townCode, villageCode) => set({ townCode, villageCode })} />
          </Field>
          <Field label={L('watershedId')} error={errorOf('watershedId')}><WatershedSelect value={form.watershedId} onChange={(watershedId) => set({ watershedId })} /></Field>
          <Field label={L('address')} wide><input name="address" value={form.address} onChange={(e) => set({ address: e.target.value })} /></Field>
          <Field label="坐标" error={errorOf('lon') ?? errorOf('lat')} hint={t.coords.hint} wide>
            <CoordinateInputs value={form.coords} onChange={(coords) => set({ coords })} />
          </Field>
        </div>
      </section>
      <section className="card">
        <h2>{t.enterprise.sections.contact}</h2>
        <div className="form-grid">
          <Field label={L('contactName')}><input name="contactName" value={form.contactName} onChange={(e) => set({ contactName: e.target.value })} /></Field>
          <Field label={L('contactPhone')} error={errorOf('contactPhone')}><input name="contactPhone" value={form.contactPhone} onChange={(e) => set({ contactPhone: e.target.value })} /></Field>
          <Field label={L('note')} wide><textarea name="note" value={form.note} onChange={(e) => set({ note: e.target.value })} /></Field>
        </div>
      </section>
    </RecordForm>
  );
}
