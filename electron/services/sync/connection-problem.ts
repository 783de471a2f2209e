/**
 * Why a connection to the hub failed, in plain Chinese for the sync page (issue 20: never a raw
 * "fetch failed" or an OpenSSL line), with the system's code in brackets for whoever supports it.
 */
export function connectionProblem(e: unknown): string {
  const err = e as { code?: string; message?: string; name?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code ?? '';
  const text = `${err.cause?.message ?? ''} ${err.message ?? ''}`;
  const why = (() => {
    if (code === 'ECONNREFUSED') return '对方没有在这个端口提供服务（连接被拒绝）：请核对地址和端口，或确认同步中心已启动';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return '找不到这个主机名：请核对地址，或检查网络的域名解析';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || err.name === 'TimeoutError' || code === 'ABORT_ERR') return '连接超时：网络不通或太慢';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return '连接被对方断开';
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return '网络不通（到不了这台主机）';
    if (/wrong version number|ERR_SSL_WRONG_VERSION|packet length too long/i.test(`${code} ${text}`)) return '对方不是 HTTPS 服务（地址也许应以 http:// 开头）';
    if (/CERT|certificate|self[- ]signed/i.test(`${code} ${text}`)) return '对方的证书无法验证';
    if (/bad port/i.test(text)) return '这个端口不能用于网络请求，请核对端口号';
    return '网络连接失败';
  })();
  const shown = /^[A-Z][A-Z0-9_]+$/.test(code) ? `（${code}）` : '';
  return `${why}${shown}`;
}
