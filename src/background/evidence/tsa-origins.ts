/**
 * The RFC 3161 time-stamping authorities the extension may contact, and nothing else.
 *
 * The extension's CSP (wxt.config.ts) adds exactly these origins to connect-src, because a TSA
 * URL typed by the officer cannot be allowed at build time: the list is the smallest opening
 * that makes opt-in timestamps work. Loopback hosts cover an agency TSA run on the officer's
 * machine (and the tests' local openssl TSA). No request is ever made unless the officer sets a
 * TSA URL and turns covert mode off. Plain TypeScript: imported by the build config too.
 */
export const TSA_ORIGINS: readonly string[] = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'http://timestamp.digicert.com',
  'http://timestamp.sectigo.com',
  'https://freetsa.org',
  'http://zeitstempel.dfn.de',
];

/** Problem with a TSA URL (undefined when it is allowed); '' means "no TSA" and is fine. */
export function tsaUrlProblem(url: string): string | undefined {
  if (url === '') return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'a TSA URL must start with http:// or https://';
  const allowed = TSA_ORIGINS.some((o) => {
    const [scheme, rest] = o.split('://');
    const [host, port] = rest.split(/:(?=[^:]*$)/);
    if (`${scheme}:` !== u.protocol || host !== u.hostname) return false;
    return port === '*' || (port === undefined ? u.port === '' : u.port === port);
  });
  return allowed ? undefined : `this TSA is not in the list the extension may contact (${TSA_ORIGINS.join(', ')})`;
}
