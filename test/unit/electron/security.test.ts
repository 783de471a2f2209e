import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appRequestToFile, contentSecurityPolicy, isAllowedExternal, isAppUrl, isTrustedSender, secureWebPreferences } from '../../../electron/security';
import { resolveStatic } from '../../../electron/web/static-files';

const ROOT = '/opt/qingshui/renderer';

describe('desktop security rules', () => {
  it('serves only GET requests for our host, inside the build folder', () => {
    expect(appRequestToFile('GET', `${APP_ORIGIN}/`, ROOT)).toBe(join(ROOT, 'index.html'));
    expect(appRequestToFile('GET', `${APP_ORIGIN}/assets/a.js`, ROOT)).toBe(join(ROOT, 'assets/a.js'));
    expect(appRequestToFile('POST', `${APP_ORIGIN}/index.html`, ROOT)).toBeNull();
    expect(appRequestToFile('GET', 'app://other/index.html', ROOT)).toBeNull();
    expect(appRequestToFile('GET', `${APP_ORIGIN}/..%2F..%2Fetc%2Fpasswd`, ROOT)).toBeNull();
    expect(appRequestToFile('GET', `${APP_ORIGIN}/%2e%2e/secret`, ROOT)).toBe(join(ROOT, 'secret')); // URL parsing normalises it inside the root
    expect(appRequestToFile('GET', `${APP_ORIGIN}/a%00.js`, ROOT)).toBeNull();
    expect(appRequestToFile('GET', 'file:///etc/passwd', ROOT)).toBeNull();
  });
  it('trusts IPC only from our own top-level frame', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isAppUrl('app://qingshui.evil/')).toBe(false);
  });
  it('opens only allow-listed https links externally', () => {
    expect(isAllowedExternal('https://www.mee.gov.cn/xxgk2018/')).toBe(true);
    expect(isAllowedExternal('http://www.mee.gov.cn/')).toBe(false);
    expect(isAllowedExternal('https://www.mee.gov.cn.evil.com/')).toBe(false);
    expect(isAllowedExternal('https://example.com/')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });
  it('sends a CSP that allows only our own scripts and connections', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
  it('isolates and sandboxes every window', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });
});

describe('browser host static files', () => {
  it('never leaves the build folder and falls back to index.html for routes', () => {
    expect(resolveStatic(ROOT, '/../../etc/passwd')).toBe(join(ROOT, 'index.html'));
    expect(resolveStatic(ROOT, '/%2e%2e/%2e%2e/etc/passwd.txt')).toBeNull();
    expect(resolveStatic(ROOT, '/enterprises')).toBe(join(ROOT, 'index.html'));
    expect(resolveStatic(ROOT, '/missing.js')).toBeNull();
  });
});
