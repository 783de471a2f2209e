import { hashPassword } from '../auth/index';
import type { Role } from '../../../shared/auth/permissions';
import { insertAccount } from '../../store/accounts';
import { setDemoAccounts, type DemoAccount } from '../../store/demo-accounts';
import { listPeople } from '../../store/people';
import type { Store } from '../../store/store';

/** The demo county's one password (printed on its sign-in page and by `qingshui demo --json`). */
export const DEMO_PASSWORD = 'Qingshui2026';

/** One verifier for every demo account (they share the password; hashing once keeps the demo quick). */
let verifier: Promise<string> | null = null;

/**
 * The demo county's accounts, one per role (issue 18): 管理员 (督察办主任), 局机关人员 (局长), two 执法人员
 * (the 大队长 of the first two), and a 镇街工作人员 (the first town's 环保专干).
 */
export async function writeDemoAccounts(store: Store): Promise<DemoAccount[]> {
  const people = listPeople(store.db, undefined, false);
  const byPost = (post: string) => people.find((p) => p.post === post)!;
  const inspectors = people.filter((p) => p.role === '执法人员');
  const town = people.filter((p) => p.role === '镇街工作人员').sort((a, b) => (a.townCode ?? '').localeCompare(b.townCode ?? ''))[0];
  const chosen: { user: string; role: Role; person: (typeof people)[number] }[] = [
    { user: 'admin', role: 'admin', person: byPost('督察办主任') },
    { user: 'juzhang', role: 'bureau', person: byPost('局长') },
    { user: 'zhifa1', role: 'inspector', person: inspectors[0] },
    { user: 'zhifa2', role: 'inspector', person: inspectors[1] },
    { user: 'zhenjie1', role: 'town', person: town },
  ];
  verifier ??= hashPassword(DEMO_PASSWORD);
  const v = await verifier;
  const at = new Date().toISOString();
  const accounts = chosen.map(({ user, role, person }) => ({ user, role, name: person.name, password: DEMO_PASSWORD }));
  store.transaction(() => {
    for (const { user, role, person } of chosen) insertAccount(store.db, { name: user, personId: person.id, role, towns: role === 'town' ? [person.townCode!] : [], source: 'local', verifier: v, createdAt: at });
    setDemoAccounts(store.db, accounts);
  });
  return accounts;
}
