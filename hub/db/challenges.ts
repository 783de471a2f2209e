import type { Queryable } from './hub-db';

/** The sign-in challenges already used (`used_challenges`), kept until they expire so none is used twice. */

/** Forgets challenges that expired before a time. */
export function forgetExpiredChallenges(q: Queryable, now: string): Promise<void> {
  return q.run('DELETE FROM used_challenges WHERE expires_at < $1', [now]);
}

/** Whether the challenge was used already. */
export async function challengeUsed(q: Queryable, challenge: string): Promise<boolean> {
  return (await q.one('SELECT 1 AS used FROM used_challenges WHERE challenge = $1', [challenge])) !== undefined;
}

/** Notes a challenge as used until it expires. */
export function noteChallengeUsed(q: Queryable, challenge: string, expiresAt: string): Promise<void> {
  return q.run('INSERT INTO used_challenges (challenge, expires_at) VALUES ($1, $2) ON CONFLICT (challenge) DO NOTHING', [challenge, expiresAt]);
}
