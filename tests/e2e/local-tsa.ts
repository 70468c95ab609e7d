/** A real RFC 3161 TSA for tests: `openssl ts -reply` behind node:http on 127.0.0.1. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

export interface LocalTsa {
  url: string;
  origin: string;
  requests: number;
  close(): Promise<void>;
}

/** Starts a TSA with a fresh EC key and a timeStamping certificate. */
export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = mkdtempSync(join(tmpdir(), 'wt-e2e-tsa-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'tsa.key'),
      '-out',
      join(dir, 'tsa.crt'),
      '-days',
      '30',
      '-subj',
      '/CN=Wildtrace e2e TSA',
      '-addext',
      'extendedKeyUsage=critical,timeStamping',
      '-addext',
      'basicConstraints=CA:FALSE',
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    `[ tsa ]\ndefault_tsa = c\n[ c ]\ndir = ${dir}\nserial = $dir/serial\ncrypto_device = builtin\n` +
      'signer_cert = $dir/tsa.crt\ncerts = $dir/tsa.crt\nsigner_key = $dir/tsa.key\n' +
      'signer_digest = sha256\ndefault_policy = 1.2.3.4.1\n' +
      'digests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = yes\n' +
      'ess_cert_id_chain = no\ness_cert_id_alg = sha256\n',
  );
  const server: Server = createServer();
  const tsa: LocalTsa = {
    url: '',
    origin: '',
    requests: 0,
    close: () => new Promise((ok) => server.close(() => (rmSync(dir, { recursive: true, force: true }), ok()))),
  };
  server.on('request', (req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const n = ++tsa.requests;
      writeFileSync(join(dir, `q${n}`), Buffer.concat(parts));
      const out = spawnSync('openssl', [
        'ts',
        '-reply',
        '-config',
        join(dir, 'tsa.cnf'),
        '-queryfile',
        join(dir, `q${n}`),
        '-out',
        join(dir, `r${n}`),
      ]);
      if (out.status !== 0) return void res.writeHead(500).end();
      res
        .writeHead(200, { 'Content-Type': 'application/timestamp-reply', 'Access-Control-Allow-Origin': '*' })
        .end(readFileSync(join(dir, `r${n}`)));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  tsa.origin = `http://127.0.0.1:${port}`;
  tsa.url = `${tsa.origin}/tsa`;
  return tsa;
}
