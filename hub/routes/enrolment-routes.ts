import { z } from 'zod';
import { enrollRequestSchema } from '../../shared/sync/protocol';
import { issueChallenge } from '../services/keys';
import { deviceToken, enroll, enrolmentState } from '../services/sign-in';
import { checkProtocol, parse, type HubApp, type HubContext } from './context';

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

  app.get('/v1/challenge', async () => ({ challenge: issueChallenge(keys.secret) }));

  app.post('/v1/token', async (req) => {
    checkProtocol(req);
    const body = parse(z.object({ deviceId: z.string(), challenge: z.string(), signature: z.string() }), req.body);
    return deviceToken(db, keys, body.deviceId, body.challenge, body.signature);
  });
}
