/** Whether a host name is this machine itself (127.0.0.0/8, localhost, ::1): plain http is harmless there. */
export function isLoopbackHost(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i.test(host);
}

/** Whether a hub address is plain http:// to another machine: passwords and records would cross the network in clear. */
export function isPlainRemote(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' && !isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}
