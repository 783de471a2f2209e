import { useEffect, useState } from 'react';
import { PERSON_ROLES, type Person } from '../../shared/api/people';
import { ApiFailure, call } from '../api';
import { Field } from './field';
import { useDirectories } from '../directories';
import { t } from '../i18n/zh-CN';

const LAST_PERSON = 'qingshui.lastPerson';

/** Asks who is working when the app opens; every change is recorded under that person. */
export function PersonChooser(p: { onClose?: () => void }) {
  const d = useDirectories();
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const last = localStorage.getItem(LAST_PERSON);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => { void call('people.list', {}).then((x) => { setPeople(x); setLoaded(true); }); }, []);
  const choose = async (id: string) => {
    try {
      await call('workspace.signIn', { personId: id });
      localStorage.setItem(LAST_PERSON, id);
      await d.reload();
      p.onClose?.();
    } catch (e) { setError((e as Error).message); }
  };
  const roles = PERSON_ROLES.filter((r) => people.some((x) => x.role === r));
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label={t.person.choose}>
        <h2>{t.person.choose}</h2>
        <p className="muted">{t.person.chooseHint}</p>
        {error && <p className="banner error">{error}</p>}
        {loaded && people.length === 0 && (
          <p className="banner warning">本局已在用同步中心？先<button type="button" className="link" onClick={() => { window.location.hash = '#/sync'; p.onClose?.(); }}>登记到同步中心并同步</button>，人员名录会随首次同步到达；否则在下面登记您本人。</p>
        )}
        {loaded && people.length === 0 && <FirstPerson onDone={async () => { await d.reload(); p.onClose?.(); }} />}
        {roles.map((role) => (
          <section key={role}>
            <h3>{role}</h3>
            <div className="person-grid">
              {people.filter((x) => x.role === role).map((x) => (
                <button key={x.id} className={`person${x.id === last ? ' last' : ''}`} onClick={() => void choose(x.id)}>
                  <b>{x.name}</b><small>{x.certificateNo ? `执法证 ${x.certificateNo}` : x.townName ?? x.post}</small>
                </button>
              ))}
            </div>
          </section>
        ))}
        {p.onClose && d.info.currentPerson && <div className="actions"><button onClick={p.onClose}>{t.common.cancel}</button></div>}
      </div>
    </div>
  );
}

/** An empty workspace: the first person enters themselves, and becomes the author of what follows. */
function FirstPerson(p: { onDone: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Person['role']>('执法人员');
  const [certificateNo, setCertificateNo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      const me = await call('people.create', { name, role, certificateNo: certificateNo || null });
      localStorage.setItem(LAST_PERSON, me.id);
      await p.onDone();
    } catch (e) { setErrors(e instanceof ApiFailure ? e.fields : { name: (e as Error).message }); }
  };
  return (
    <form className="inline-form" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p>人员名录还是空的：请先登记您本人，之后可在“设置 → 人员名录”中添加其他人员。</p>
      <div className="form-grid">
        <Field label="姓名" required error={errors.name}><input name="firstName" value={name} onChange={(e) => setName(e.target.value)} /></Field>
        <Field label="人员类别">
          <select name="firstRole" value={role} onChange={(e) => setRole(e.target.value as Person['role'])}>{PERSON_ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </Field>
        <Field label="执法证号" error={errors.certificateNo}><input name="firstCertificate" value={certificateNo} onChange={(e) => setCertificateNo(e.target.value)} /></Field>
      </div>
      <div className="form-actions"><button className="primary" type="submit">登记并进入</button></div>
    </form>
  );
}
