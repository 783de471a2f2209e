import { z } from 'zod';
import { HubRefusal } from '../services/hub-error';
import { enrollRequestSchema } from '../../shared/sync/protocol';
import { issueChallenge } from '../services/keys';
import { deviceToken, enroll, enrolmentState } from '../services/sign-in';
import { accountStates, verifyAccount } from '../services/account-check';
import { deviceSealSecret, unsealDevice } from '../services/device-seal';
import { receiptsFor } from '../services/receipts';
import { authorOf, checkProtocol, parse, type HubApp, type HubContext } from './context';

/** How a laptop joins the hub and signs in: enrolment by password, its state, a challenge to sign, a token. */
export function registerEnrolmentRoutes(app: HubApp, ctx: HubContext): void {
  const { db, keys } = ctx;
  app.post('/v1/enroll', async (req) => {
    checkProtocol(req);
    const body = parse(enrollRequestSchema, req.body);
    return enroll(db, keys, body, req.ip, req.log);
  });

  // A device asks after its own enrolment only, proving itself by signing a fresh challenge.
  app.post('/v1/devices/:id/state', async (req) => {
    const body = parse(z.object({ challenge: z.string().max(200), signature: z.string().max(200) }), req.body);
    return enrolmentState(db, keys, (req.params as { id: string }).id, body.challenge, body.signature);
  });

  // A person signs in on an approved laptop with their hub account (issue 18); the laptop proves itself by its token.
  app.post('/v1/accounts/verify', async (req) => {
    const who = await authorOf(ctx, req);
    const body = parse(z.object({ user: z.string().min(1).max(50), password: z.string().min(1).max(200) }), req.body);
    return verifyAccount(db, who.deviceId!, body.user, body.password, req.ip, req.log);
  });
  app.post('/v1/accounts/state', async (req) => {
    const who = await authorOf(ctx, req);
    const body = parse(z.object({ names: z.array(z.string().min(1).max(50)).max(500) }), req.body);
    return accountStates(db, who.deviceId!, body.names);
  });

  // The secret wrapping this laptop's workspace key in its hub slot (issue 18), for the device itself.
  app.post('/v1/device/seal', async (req) => {
    const who = await authorOf(ctx, req);
    if (!who.deviceId) throw new HubRefusal(403, 'device', '只有登记到本中心的设备可以取得其解锁密钥');
    return deviceSealSecret(db, who.deviceId);
  });
  // A locked laptop opened by a hub account's password (its device key is inside what is locked).
  app.post('/v1/accounts/unseal', async (req) => {
    checkProtocol(req);
    const body = parse(z.object({ deviceId: z.string().min(1).max(200), user: z.string().min(1).max(50), password: z.string().min(1).max(200) }), req.body);
    return unsealDevice(db, body.deviceId, body.user, body.password, req.ip, req.log);
  });

  // The hub's countersigned receipts of finalized records a laptop holds (issue 18).
  app.post('/v1/receipts', async (req) => {
    await authorOf(ctx, req);
    const body = parse(z.object({ ids: z.array(z.string().min(1).max(100)).max(500) }), req.body);
    return receiptsFor(db, keys, body.ids);
  });

  app.get('/v1/challenge', async () => ({ challenge: issueChallenge(keys.secret) }));

  app.post('/v1/token', async (req) => {
    checkProtocol(req);
    const body = parse(z.object({ deviceId: z.string(), challenge: z.string(), signature: z.string() }), req.body);
    return deviceToken(db, keys, body.deviceId, body.challenge, body.signature);
  });
}
