import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hubUserPatchSchema, newHubUserSchema } from '../../shared/api/sync';
import { deviceListing, setDeviceState } from '../services/accounts';
import { HubRefusal } from '../services/hub-error';
import { quarantineList, releaseQuarantined } from '../services/quarantine';
import { addUser, listUsers, updateUser } from '../services/users';
import { authorOf, parse, type HubApp, type HubContext } from './context';

/**
 * What an admin does from their own laptop: laptops (approve, revoke), accounts (add; role, towns,
 * password, disabled) and the quarantine (list, release). Each refused to anyone else, each logged.
 */
export function registerAdminRoutes(app: HubApp, ctx: HubContext): void {
  const { db } = ctx;
  const admin = async (req: FastifyRequest, refusal: string) => {
    const who = await authorOf(ctx, req);
    if (who.role !== 'admin') throw new HubRefusal(403, 'forbidden', refusal);
    return who;
  };

  app.get('/v1/devices', async (req) => {
    await admin(req, '只有管理员能查看设备登记');
    return { devices: await deviceListing(db) };
  });
  app.post('/v1/devices/:id/:action', async (req) => {
    const { id, action } = req.params as { id: string; action: string };
    if (action !== 'approve' && action !== 'revoke') throw new HubRefusal(404, 'not_found', `没有操作“${action}”`);
    const who = await admin(req, action === 'approve' ? '只有管理员能批准设备登记' : '只有管理员能注销设备');
    if (action === 'revoke' && id === who.deviceId) throw new HubRefusal(409, 'own_device', '不能注销正在使用的本机；请在另一台管理员电脑上操作，或用 qingshui hub device revoke');
    await setDeviceState(db, id, action === 'approve' ? 'approved' : 'revoked');
    req.log.warn({ device: id, by: who.user, action }, action === 'approve' ? 'device approved' : 'device revoked');
    return (await deviceListing(db)).find((d) => d.id === id);
  });

  app.get('/v1/users', async (req) => {
    await admin(req, '只有管理员能查看账号');
    return { users: await listUsers(db) };
  });
  app.post('/v1/users', async (req) => {
    const who = await admin(req, '只有管理员能新建账号');
    const body = parse(newHubUserSchema, req.body);
    const user = await db.tx((q) => addUser(q, body));
    req.log.warn({ user: user.name, role: user.role, towns: user.towns, by: who.user }, 'user added');
    return user;
  });
  app.post('/v1/users/:name', async (req) => {
    const who = await admin(req, '只有管理员能修改账号');
    const { name } = req.params as { name: string };
    const patch = parse(hubUserPatchSchema, req.body);
    if (name === who.user && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
      throw new HubRefusal(409, 'own_account', '不能停用或降级自己正在使用的管理员账号；请由另一位管理员操作');
    }
    const user = await db.tx((q) => updateUser(q, name, patch));
    req.log.warn({ user: name, change: { ...patch, password: patch.password ? '(reset)' : undefined }, by: who.user }, 'user changed');
    return user;
  });

  app.get('/v1/quarantine', async (req) => {
    await admin(req, '只有管理员能查看隔离的变更');
    return { items: await quarantineList(db) };
  });
  app.post('/v1/quarantine/release', async (req) => {
    const who = await admin(req, '只有管理员能放行隔离的变更');
    const { cid } = parse(z.object({ cid: z.string().min(1).max(80) }), req.body);
    const result = await db.tx((q) => releaseQuarantined(q, cid, who.user));
    req.log.warn({ device: who.deviceId, user: who.user, cid, released: result.released }, 'quarantine released');
    return result;
  });
}
