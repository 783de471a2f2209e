import { useState, type FormEvent } from 'react';
import type { WaterBody } from '../../shared/api/places';
import { townKind } from '../../shared/domain/region-code';
import { ApiFailure, call } from '../api';
import { Field, FieldAction } from '../components/field';
import { useDirectories } from '../directories';

/** 区划与水系: the towns, villages, watersheds and water bodies records point at. */
export function PlacesDirectory() {
  const d = useDirectories();
  const [region, setRegion] = useState({ code: '', name: '' });
  const [water, setWater] = useState({ name: '', kind: '河流' as WaterBody['kind'], watershedId: '' });
  const [watershed, setWatershed] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = async (ev: FormEvent, key: string, fn: () => Promise<unknown>, reset: () => void) => {
    ev.preventDefault();
    try { await fn(); setErrors({}); reset(); await d.reload(); }
    catch (e) { setErrors({ [key]: e instanceof ApiFailure ? Object.values(e.fields)[0] ?? e.message : (e as Error).message }); }
  };
  const county = d.info.settings.countyCode;
  return (
    <section className="card">
      <h2>区划与水系</h2>
      <table className="grid">
        <thead><tr><th>镇街</th><th>代码</th><th>类别</th><th>村居数</th></tr></thead>
        <tbody>{d.towns.map((t) => <tr key={t.code}><td>{t.name}</td><td><code>{t.code}</code></td><td>{townKind(t.code)}</td><td>{d.villagesOf(t.code).length}</td></tr>)}</tbody>
      </table>
      <form className="inline-form" noValidate onSubmit={(e) => void run(e, 'region', () => call('places.saveRegion', region), () => setRegion({ code: '', name: '' }))}>
        <div className="form-grid">
          <Field label="添加或更名：12位统计用区划代码" error={errors.region} hint={`本县代码 ${county}；镇街如 ${county}101000，村居如 ${county}101201`}>
            <input name="regionCode" value={region.code} onChange={(e) => setRegion({ ...region, code: e.target.value.trim() })} />
          </Field>
          <Field label="名称"><input name="regionName" value={region.name} onChange={(e) => setRegion({ ...region, name: e.target.value })} /></Field>
          <FieldAction><button type="submit">保存区划</button></FieldAction>
        </div>
      </form>
      <p className="muted">流域：{d.watersheds.map((w) => w.name).join('、') || '（无）'}；水体：{d.waterBodies.map((b) => b.name).join('、') || '（无）'}</p>
      <form className="inline-form" noValidate onSubmit={(e) => void run(e, 'watershed', () => call('places.saveWatershed', { name: watershed }), () => setWatershed(''))}>
        <div className="form-grid">
          <Field label="添加流域" error={errors.watershed}><input name="watershedName" value={watershed} onChange={(e) => setWatershed(e.target.value)} /></Field>
          <FieldAction><button type="submit">保存流域</button></FieldAction>
        </div>
      </form>
      <form noValidate onSubmit={(e) => void run(e, 'water', () => call('places.saveWaterBody', { ...water, watershedId: water.watershedId || null }), () => setWater({ name: '', kind: '河流', watershedId: '' }))}>
        <div className="form-grid">
          <Field label="添加水体" error={errors.water}><input name="waterBodyName" value={water.name} onChange={(e) => setWater({ ...water, name: e.target.value })} /></Field>
          <Field label="类别">
            <select name="waterBodyKind" value={water.kind} onChange={(e) => setWater({ ...water, kind: e.target.value as WaterBody['kind'] })}>
              {(['河流', '湖泊', '水库', '沟渠', '其他'] as const).map((k) => <option key={k}>{k}</option>)}
            </select>
          </Field>
          <Field label="所属流域">
            <select name="waterBodyWatershed" value={water.watershedId} onChange={(e) => setWater({ ...water, watershedId: e.target.value })}>
              <option value="">（未指定）</option>{d.watersheds.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}
            </select>
          </Field>
          <FieldAction><button type="submit">保存水体</button></FieldAction>
        </div>
      </form>
    </section>
  );
}
