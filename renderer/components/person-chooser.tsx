import { useEffect, useState } from 'react';
import { PERSON_ROLES, type Person } from '../../shared/api/people';
import { call } from '../api';
import { useDirectories } from '../directories';
import { t } from '../i18n/zh-CN';

const LAST_PERSON = 'qingshui.lastPerson';

/** Asks who is working when the app opens; every change is recorded under that person. */
export function PersonChooser(p: { onClose?: () => void }) {
  const d = useDirectories();
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const last = localStorage.getItem(LAST_PERSON);
  useEffect(() => { void call('people.list', {}).then(setPeople); }, []);
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
        {people.length === 0 && <p className="muted">人员名录为空：请先在“设置 → 人员名录”中添加人员。<button className="link" onClick={p.onClose}>先进入工作台</button></p>}
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
