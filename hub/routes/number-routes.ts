import { z } from 'zod';
import { NUMBERED_KINDS } from '../../shared/enforcement/kinds';
import { may } from '../../shared/auth/permissions';
import { reserveDocumentNumber } from '../services/county-numbers';
import { HubRefusal } from '../services/hub-error';
import { authorOf, checkProtocol, parse, type HubApp, type HubContext } from './context';

const reserveSchema = z.object({
  kind: z.enum(NUMBERED_KINDS as unknown as [string, ...string[]]),
  prefix: z.string().trim().min(1).max(40),
  year: z.string().regex(/^\d{4}$/),
  floor: z.number().int().min(1).max(999_999).default(1),
});

/** County-wide numbers a laptop asks for before it signs (issue 21): the next 文号 of an enforcement document. */
export function registerNumberRoutes(app: HubApp, ctx: HubContext): void {
  app.post('/v1/numbers/document', async (req) => {
    checkProtocol(req);
    const who = await authorOf(ctx, req);
    if (!may(who.role, 'cases')) throw new HubRefusal(403, 'forbidden', '该账号无权办理案件，不能领取执法文书文号');
    const body = parse(reserveSchema, req.body);
    const number = await ctx.db.tx((q) => reserveDocumentNumber(q, who.deviceId!, body.kind, body.prefix, body.year, body.floor));
    req.log.info({ device: who.deviceId, kind: body.kind, number }, 'document number reserved');
    return { number };
  });
}
