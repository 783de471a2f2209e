/**
 * Where a command line takes a password from (ASVS 2.x: secrets never on the command line, where
 * the shell history and every process listing keep them): the environment variable
 * QINGSHUI_PASSWORD, else a prompt on the terminal that does not echo what is typed. `--password`
 * is refused with the way to give it. Used by both programs (the workbench and the hub).
 */
export const PASSWORD_ENV = 'QINGSHUI_PASSWORD';

export const PASSWORD_FLAG_REFUSED = `为防止密码留在命令历史和进程列表中，不从命令行参数接收密码：请在终端按提示输入，或设置环境变量 ${PASSWORD_ENV}`;

type Tty = {
  isTTY?: boolean; setRawMode?(on: boolean): unknown; resume(): unknown; pause(): unknown;
  on(e: 'data', f: (b: Buffer) => void): unknown; off(e: 'data', f: (b: Buffer) => void): unknown;
};

/** Reads one line from the terminal without echoing it. */
function readHidden(prompt: string, input: Tty, output: { write(s: string): unknown }): Promise<string> {
  output.write(prompt);
  input.setRawMode?.(true);
  input.resume();
  return new Promise((ok, fail) => {
    let text = '';
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') { done(); ok(text); return; }
        if (ch === '\u0003') { done(); fail(new Error('已取消')); return; }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = () => { input.off('data', onData); input.setRawMode?.(false); input.pause(); output.write('\n'); };
    input.on('data', onData);
  });
}

/** The password for `what`, from the environment or the terminal; undefined when neither can give one. */
export async function passwordInput(what: string, env: Record<string, string | undefined>, input: Tty, output: { write(s: string): unknown }): Promise<string | undefined> {
  if (env[PASSWORD_ENV]) return env[PASSWORD_ENV];
  if (!input.isTTY) return undefined;
  return readHidden(`${what}的密码：`, input, output);
}
