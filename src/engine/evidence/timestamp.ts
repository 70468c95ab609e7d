/**
 * RFC 3161 trusted timestamps over record hashes: build a TimeStampReq, send it (opt-in: only
 * when the officer has set a TSA URL), parse the TimeStampResp, and verify a token.
 *
 * What verifyTimestampToken checks, with WebCrypto only:
 *  1. the token is CMS SignedData holding a TSTInfo (id-ct-TSTInfo);
 *  2. TSTInfo.messageImprint is SHA-256 of exactly our record hash, and the nonce (when given);
 *  3. the signed attributes: content type is TSTInfo and messageDigest = digest of the TSTInfo;
 *  4. the signer's certificate is in the token (we ask with certReq), matches the signer
 *     identifier and the ESS signing-certificate(-v2) attribute hash, has the timeStamping
 *     extended key usage, and was valid at genTime;
 *  5. the signature over the signed attributes verifies with that certificate's key
 *     (RSA PKCS#1 v1.5 or ECDSA P-256/P-384/P-521, SHA-1/256/384/512).
 * It does NOT build a chain from the TSA certificate to a trusted root or check revocation:
 * the result names the TSA certificate (subject, SHA-256 fingerprint) so it can be compared
 * with the TSA's published certificate, or passed as a trusted fingerprint.
 */
import { concatBytes, toBase64, toHex, bytesEqual } from '../bytes/bytes';
import {
  children,
  contents,
  type Der,
  DerError,
  der,
  derNull,
  derOid,
  derSeq,
  derUnsigned,
  encoding,
  expectTag,
  integerOf,
  oidOf,
  parseDer,
  timeOf,
} from './asn1';

const OID = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

const HASHES: Record<string, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};
const SIG_ALGS: Record<string, { kind: 'rsa' | 'ecdsa'; hash?: string }> = {
  [OID.rsaEncryption]: { kind: 'rsa' },
  '1.2.840.113549.1.1.5': { kind: 'rsa', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa', hash: 'SHA-512' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'SHA-512' },
};
const CURVES: Record<string, { name: string; size: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};

const digest = async (alg: string, data: Uint8Array) =>
  new Uint8Array(await globalThis.crypto.subtle.digest(alg, data as Uint8Array<ArrayBuffer>));

/** A TimeStampReq and the nonce it carries. */
export interface TimestampRequest {
  der: Uint8Array;
  nonce: bigint;
}

/**
 * Builds a DER TimeStampReq (v1) over a SHA-256 hash given in hex (the record hash), with a
 * random 64-bit nonce and certReq = true (so the token carries the TSA certificate).
 */
export function buildTimestampRequest(hashHex: string, nonceBytes?: Uint8Array): TimestampRequest {
  if (!/^[0-9a-f]{64}$/.test(hashHex)) throw new Error('timestamp request needs a SHA-256 hex hash');
  const nb = nonceBytes ?? globalThis.crypto.getRandomValues(new Uint8Array(8));
  const hash = new Uint8Array(hashHex.match(/../g)!.map((h) => parseInt(h, 16)));
  const body = derSeq(
    der(0x02, new Uint8Array([1])),
    derSeq(derSeq(derOid(OID.sha256), derNull()), der(0x04, hash)),
    derUnsigned(nb),
    der(0x01, new Uint8Array([0xff])),
  );
  let nonce = 0n;
  for (const x of nb) nonce = (nonce << 8n) | BigInt(x);
  return { der: body, nonce };
}

/** The result of parsing a TimeStampResp. */
export interface TimestampResponse {
  /** PKIStatus: 0 granted, 1 granted with modifications, 2.. refused. */
  status: number;
  statusText: string[];
  failInfo?: number;
  /** The DER TimeStampToken (ContentInfo), when granted. */
  token?: Uint8Array;
}

/** Parses a DER TimeStampResp. Throws DerError on malformed input. */
export function parseTimestampResponse(bytes: Uint8Array): TimestampResponse {
  const resp = expectTag(parseDer(bytes), 0x30, 'TimeStampResp');
  const [statusInfo, token] = children(resp);
  const si = children(expectTag(statusInfo, 0x30, 'PKIStatusInfo'));
  const status = Number(integerOf(si[0]));
  const statusText: string[] = [];
  let failInfo: number | undefined;
  for (const x of si.slice(1)) {
    if (x.tag === 0x30) for (const t of children(x)) statusText.push(new TextDecoder().decode(contents(t)));
    if (x.tag === 0x03) {
      const b = contents(x);
      failInfo = b.length > 1 ? b[1] | ((b[2] ?? 0) << 8) : 0;
    }
  }
  return { status, statusText, failInfo, token: token ? encoding(token).slice() : undefined };
}

/** What verifyTimestampToken reports. */
export interface TimestampCheck {
  ok: boolean;
  /** Everything that failed (empty when ok). */
  errors: string[];
  genTime?: string;
  serialNumber?: string;
  policy?: string;
  /** The TSA certificate that signed, when found. */
  tsaCertificate?: { subject: string; sha256: string; notBefore: string; notAfter: string };
}

interface SignerCert {
  der: Uint8Array;
  issuer: Uint8Array;
  serial: Uint8Array;
  spki: Der;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  ekus: string[];
  ski?: Uint8Array;
}

function parseCert(certDer: Der): SignerCert {
  const [tbs] = children(expectTag(certDer, 0x30, 'Certificate'));
  const f = children(expectTag(tbs, 0x30, 'TBSCertificate'));
  let i = f[0].tag === 0xa0 ? 1 : 0;
  const serial = contents(f[i++]);
  i++; // signature algorithm
  const issuer = encoding(f[i++]);
  const validity = children(f[i++]);
  const subjectDer = f[i++];
  const spki = f[i++];
  const ekus: string[] = [];
  let ski: Uint8Array | undefined;
  for (const x of f.slice(i)) {
    if (x.tag !== 0xa3) continue;
    for (const ext of children(children(x)[0])) {
      const parts = children(ext);
      const id = oidOf(parts[0]);
      const value = parseDer(contents(parts[parts.length - 1]));
      if (id === OID.extKeyUsage) for (const k of children(value)) ekus.push(oidOf(k));
      if (id === '2.5.29.14') ski = contents(value);
    }
  }
  return {
    der: encoding(certDer),
    issuer,
    serial,
    spki,
    subject: nameText(subjectDer),
    notBefore: timeOf(validity[0]),
    notAfter: timeOf(validity[1]),
    ekus,
    ski,
  };
}

const NAME_KEYS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
};
function nameText(name: Der): string {
  const parts: string[] = [];
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      const key = NAME_KEYS[oidOf(t)] ?? oidOf(t);
      parts.push(`${key}=${new TextDecoder().decode(contents(v))}`);
    }
  }
  return parts.join(', ');
}

function ecdsaDerToP1363(sig: Uint8Array, size: number): Uint8Array {
  const parts = children(expectTag(parseDer(sig), 0x30, 'ECDSA signature'));
  if (parts.length !== 2) throw new DerError('ECDSA signature must hold two integers');
  const r = expectTag(parts[0], 0x02, 'ECDSA r');
  const s = expectTag(parts[1], 0x02, 'ECDSA s');
  const fix = (d: Der) => {
    let b = contents(d);
    while (b.length > size && b[0] === 0) b = b.subarray(1);
    if (b.length > size) throw new DerError('ECDSA integer too long');
    const out = new Uint8Array(size);
    out.set(b, size - b.length);
    return out;
  };
  return concatBytes([fix(r), fix(s)]);
}

async function verifySignature(
  cert: SignerCert,
  sigAlgOid: string,
  digestAlg: string,
  data: Uint8Array,
  sig: Uint8Array,
): Promise<boolean> {
  const alg = SIG_ALGS[sigAlgOid];
  if (!alg) throw new Error(`unsupported signature algorithm ${sigAlgOid}`);
  const hash = alg.hash ?? digestAlg;
  const [algId] = children(cert.spki);
  const keyParts = children(algId);
  const keyOid = oidOf(keyParts[0]);
  const subtle = globalThis.crypto.subtle;
  const spki = encoding(cert.spki) as Uint8Array<ArrayBuffer>;
  if (alg.kind === 'rsa') {
    if (keyOid !== OID.rsaEncryption) throw new Error('certificate key is not RSA');
    const key = await subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['verify']);
    return subtle.verify('RSASSA-PKCS1-v1_5', key, sig as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
  }
  if (keyOid !== OID.ecPublicKey) throw new Error('certificate key is not EC');
  const curve = CURVES[oidOf(keyParts[1])];
  if (!curve) throw new Error('unsupported EC curve');
  const key = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve.name }, false, ['verify']);
  return subtle.verify(
    { name: 'ECDSA', hash },
    key,
    ecdsaDerToP1363(sig, curve.size) as Uint8Array<ArrayBuffer>,
    data as Uint8Array<ArrayBuffer>,
  );
}

/**
 * Verifies a DER TimeStampToken over a SHA-256 hash (hex). Never throws: malformed tokens are
 * reported in `errors`.
 */
export async function verifyTimestampToken(
  token: Uint8Array,
  hashHex: string,
  opts: { nonce?: bigint; trustedCertSha256?: readonly string[] } = {},
): Promise<TimestampCheck> {
  const errors: string[] = [];
  const result: TimestampCheck = { ok: false, errors };
  try {
    const ci = children(expectTag(parseDer(token), 0x30, 'ContentInfo'));
    if (oidOf(ci[0]) !== OID.signedData) throw new DerError('token is not CMS SignedData');
    const sd = children(expectTag(children(expectTag(ci[1], 0xa0, 'content'))[0], 0x30, 'SignedData'));
    const encap = children(expectTag(sd[2], 0x30, 'EncapsulatedContentInfo'));
    if (oidOf(encap[0]) !== OID.tstInfo) throw new DerError('token content is not a TSTInfo');
    const tstBytes = contents(expectTag(children(expectTag(encap[1], 0xa0, 'eContent'))[0], 0x04, 'eContent'));
    const tst = children(expectTag(parseDer(tstBytes), 0x30, 'TSTInfo'));
    result.policy = oidOf(tst[1]);
    const [imprintAlg, imprintHash] = children(tst[2]);
    result.serialNumber = integerOf(tst[3]).toString(16);
    const genTime = timeOf(expectTag(tst[4], 0x18, 'genTime'));
    result.genTime = genTime.toISOString();
    if (oidOf(children(imprintAlg)[0]) !== OID.sha256) errors.push('message imprint is not SHA-256');
    if (toHex(contents(imprintHash)) !== hashHex)
      errors.push(`message imprint ${toHex(contents(imprintHash))} is not the record hash ${hashHex}`);
    if (opts.nonce !== undefined) {
      const nonceEl = tst.slice(5).find((x) => x.tag === 0x02);
      if (!nonceEl || integerOf(nonceEl) !== opts.nonce) errors.push('nonce in the token differs from the request');
    }
    // Certificates and the signer.
    let idx = 3;
    const certs: SignerCert[] = [];
    if (sd[idx]?.tag === 0xa0) {
      for (const c of children(sd[idx])) if (c.tag === 0x30) certs.push(parseCert(c));
      idx++;
    }
    if (sd[idx]?.tag === 0xa1) idx++;
    const signerInfos = children(expectTag(sd[idx], 0x31, 'SignerInfos'));
    if (signerInfos.length !== 1) throw new DerError(`expected one SignerInfo, found ${signerInfos.length}`);
    const si = children(signerInfos[0]);
    const sid = si[1];
    const digestAlg = HASHES[oidOf(children(si[2])[0])];
    if (!digestAlg) throw new DerError('unsupported digest algorithm in SignerInfo');
    const signedAttrs = expectTag(si[3], 0xa0, 'signedAttrs');
    const sigAlg = oidOf(children(si[4])[0]);
    const signature = contents(expectTag(si[5], 0x04, 'signature'));
    let cert: SignerCert | undefined;
    if (sid.tag === 0x30) {
      const [issuer, serial] = children(sid);
      cert = certs.find((c) => bytesEqual(c.issuer, encoding(issuer)) && bytesEqual(c.serial, contents(serial)));
    } else if (sid.tag === 0x80) {
      cert = certs.find((c) => c.ski && bytesEqual(c.ski, contents(sid)));
    }
    if (!cert) {
      errors.push('the TSA certificate is not in the token (cannot check the signature)');
      return result;
    }
    const certSha256 = toHex(await digest('SHA-256', cert.der));
    result.tsaCertificate = {
      subject: cert.subject,
      sha256: certSha256,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
    };
    let sawContentType = false;
    let sawDigest = false;
    let sawSigningCert = false;
    for (const attr of children(signedAttrs)) {
      const [typ, values] = children(attr);
      const id = oidOf(typ);
      const value = children(values)[0];
      if (id === OID.contentType) {
        sawContentType = true;
        if (oidOf(value) !== OID.tstInfo) errors.push('signed content type is not TSTInfo');
      } else if (id === OID.messageDigest) {
        sawDigest = true;
        if (!bytesEqual(contents(value), await digest(digestAlg, tstBytes)))
          errors.push('messageDigest does not match the TSTInfo (token altered)');
      } else if (id === OID.signingCertificate || id === OID.signingCertificateV2) {
        sawSigningCert = true;
        const essCertId = children(children(value)[0])[0];
        const parts = children(essCertId);
        let alg = 'SHA-1';
        let hashEl = parts[0];
        if (id === OID.signingCertificateV2) {
          alg = 'SHA-256';
          if (parts[0].tag === 0x30) {
            alg = HASHES[oidOf(children(parts[0])[0])] ?? 'unknown';
            hashEl = parts[1];
          }
        }
        if (alg === 'unknown' || !bytesEqual(contents(hashEl), await digest(alg, cert.der)))
          errors.push('signing-certificate attribute does not match the certificate in the token');
      }
    }
    if (!sawContentType || !sawDigest) errors.push('signed attributes lack content type or message digest');
    if (!sawSigningCert) errors.push('signed attributes lack the ESS signing-certificate attribute');
    if (!cert.ekus.includes(OID.timeStamping)) errors.push('TSA certificate lacks the timeStamping extended key usage');
    if (genTime < cert.notBefore || genTime > cert.notAfter)
      errors.push('genTime lies outside the TSA certificate validity');
    if (opts.trustedCertSha256 && !opts.trustedCertSha256.includes(certSha256))
      errors.push(`TSA certificate ${certSha256} is not among the trusted ones`);
    // The signature covers the DER of the signed attributes with a SET tag instead of [0].
    const toVerify = encoding(signedAttrs).slice();
    toVerify[0] = 0x31;
    if (!(await verifySignature(cert, sigAlg, digestAlg, toVerify, signature)))
      errors.push('TSA signature does not verify');
  } catch (e) {
    errors.push(`malformed token: ${(e as Error).message}`);
  }
  result.ok = errors.length === 0;
  return result;
}

/** Sends a TimeStampReq over HTTP (RFC 3161 §3.4) and returns the response bytes. */
export type TimestampTransport = (url: string, request: Uint8Array) => Promise<Uint8Array>;

/** The default transport: fetch POST with application/timestamp-query. */
export const fetchTransport: TimestampTransport = async (url, request) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: request as Uint8Array<ArrayBuffer>,
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`TSA answered HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
};

/**
 * Requests a token over a record hash and verifies it. Resolves to what the store keeps
 * (TimestampEvidence fields); throws with a clear message when the TSA refuses or the token is
 * wrong. Only call when the officer configured a TSA (covert mode makes no requests).
 */
export async function requestTimestamp(
  tsaUrl: string,
  recordHash: string,
  transport: TimestampTransport = fetchTransport,
): Promise<{ tsaUrl: string; token: string; genTime: string; hash: string }> {
  const req = buildTimestampRequest(recordHash);
  const resp = parseTimestampResponse(await transport(tsaUrl, req.der));
  if (resp.status > 1 || !resp.token) {
    const detail = resp.statusText.length ? `: ${resp.statusText.join('; ')}` : '';
    throw new Error(`TSA refused the request (status ${resp.status}${detail})`);
  }
  const check = await verifyTimestampToken(resp.token, recordHash, { nonce: req.nonce });
  if (!check.ok) throw new Error(`TSA token is not valid: ${check.errors.join('; ')}`);
  return { tsaUrl, token: toBase64(resp.token), genTime: check.genTime!, hash: recordHash };
}
