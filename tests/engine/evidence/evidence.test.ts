import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from '../../../src/engine/bytes/bytes';
import { ARTEFACTS, RESERVED_NAMES } from '../../../src/engine/evidence/case-file-names';
import { canonicalJson, stableJson } from '../../../src/engine/evidence/canonical-json';
import { captureLabel, verifyAuditChain, verifyCaptureChain } from '../../../src/engine/evidence/chain';
import { MemoryEvidenceStore } from '../../../src/engine/evidence/memory-store';
import {
  addNote,
  appendCapture,
  attachTimestamp,
  createCase,
  deleteCase,
  ensureSigningKey,
  logAudit,
  updateCase,
} from '../../../src/engine/evidence/operations';
import {
  buildCaptureRecord,
  localOffsetOf,
  localTimeZone,
  validateMetadata,
} from '../../../src/engine/evidence/record';
import { checkSealed, hashRecord, seal } from '../../../src/engine/evidence/seal';
import { checkStoredCase } from '../../../src/engine/evidence/self-check';
import { Sha256, hashBody, sha256Hex } from '../../../src/engine/bytes/sha256';
import {
  formatFingerprint,
  generateSigningKey,
  importPublicKey,
  signerFor,
  verifyHashSignature,
} from '../../../src/engine/evidence/signing';
import { buildSampleCase, fixedOptions, noiseBytes, prng, sampleMetadata } from '../../support/evidence-fixture';

describe('SHA-256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrst' +
        'nopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('NIST vector %#', async (msg, expected) => {
    expect(new Sha256().update(utf8(msg)).hex()).toBe(expected);
    expect(await sha256Hex(msg)).toBe(expected);
  });

  it('one million "a" fed in odd pieces', () => {
    const h = new Sha256();
    const piece = utf8('a'.repeat(997));
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, piece.length);
      h.update(piece.subarray(0, n));
      left -= n;
    }
    expect(h.hex()).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('matches node:crypto on random lengths and random splits', () => {
    const r = prng(7);
    for (let i = 0; i < 60; i++) {
      const data = noiseBytes(Math.floor(r() * 5000), i);
      const h = new Sha256();
      let off = 0;
      while (off < data.length) {
        const n = Math.floor(r() * 200) + 1;
        h.update(data.subarray(off, off + n));
        off += n;
      }
      expect(h.hex()).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('hashes a Blob by streaming, same as the bytes', async () => {
    const data = noiseBytes(300_001, 3);
    const expected = createHash('sha256').update(data).digest('hex');
    const blob = new Blob([data as Uint8Array<ArrayBuffer>]);
    expect(await hashBody(blob)).toEqual({ sha256: expected, size: data.length });
    expect(await hashBody(data)).toEqual({ sha256: expected, size: data.length });
  });
});

describe('bytes', () => {
  it.each([[''], ['f'], ['fo'], ['foo'], ['foob'], ['fooba'], ['foobar']])('base64 round trip %j', (s) => {
    const b = utf8(s);
    expect(toBase64(b)).toBe(Buffer.from(s).toString('base64'));
    expect(fromBase64(toBase64(b))).toEqual(b);
  });
  it('hex round trip and refusal', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('0g')).toThrow();
    expect(() => fromBase64('a$==')).toThrow();
  });
});

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: [true, null, 'x'] }, '{"a":[true,null,"x"],"b":1}'],
    [{ z: { y: 1, x: 2 }, a: undefined }, '{"z":{"x":2,"y":1}}'],
    [{ '\u00e9': 1, e: 2, E: 3 }, '{"E":3,"e":2,"é":1}'],
    [[1.5, -0, 1e21, 'a"b\n'], '[1.5,0,1e+21,"a\\"b\\n"]'],
    ['€', '"€"'],
  ])('canonicalJson(%j)', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
  it.each([[NaN], [Infinity], [[undefined]], [new Date(0)], [() => 1]])('refuses %s', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
  it('stableJson sorts keys and ends with a newline', () => {
    expect(stableJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{\n  "a": {\n    "c": 2,\n    "d": 1\n  },\n  "b": 1\n}\n');
  });
});

describe('signing', () => {
  it('signs with a non-extractable key and verifies with the exported public key', async () => {
    const key = await generateSigningKey();
    expect(key.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
    const signer = signerFor(key);
    const hash = await sha256Hex('record');
    const sig = await signer.sign(hash);
    const pub = await importPublicKey(key.info);
    expect(await verifyHashSignature(pub, hash, sig)).toBe(true);
    expect(await verifyHashSignature(pub, await sha256Hex('other'), sig)).toBe(false);
    expect(await verifyHashSignature(pub, hash, 'garbage!')).toBe(false);
    expect(key.info.fingerprint).toBe(createHash('sha256').update(fromBase64(key.info.spki)).digest('hex'));
    expect(formatFingerprint(key.info.fingerprint).split(' ')).toHaveLength(16);
  });

  it('signatures check with node:crypto (standard ECDSA over the hex text)', async () => {
    const key = await generateSigningKey();
    const hash = await sha256Hex('x');
    const sig = fromBase64(await signerFor(key).sign(hash));
    const { createPublicKey, verify } = await import('node:crypto');
    const pub = createPublicKey({ key: Buffer.from(fromBase64(key.info.spki)), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from(hash), { key: pub, dsaEncoding: 'ieee-p1363' }, Buffer.from(sig))).toBe(true);
  });

  it('refuses a public key whose fingerprint or JWK does not match its SPKI', async () => {
    const a = (await generateSigningKey()).info;
    const b = (await generateSigningKey()).info;
    await expect(importPublicKey({ ...a, fingerprint: b.fingerprint })).rejects.toThrow(/fingerprint/);
    await expect(importPublicKey({ ...a, jwk: b.jwk })).rejects.toThrow(/different keys/);
  });

  it('checkSealed reports a changed body and a foreign signature', async () => {
    const k1 = await generateSigningKey();
    const k2 = await generateSigningKey();
    const sealed = await seal({ a: 1 }, signerFor(k1));
    const pub1 = await importPublicKey(k1.info);
    expect(await checkSealed(sealed, pub1, 'r')).toEqual([]);
    const codes = async (s: typeof sealed, key: CryptoKey) => (await checkSealed(s, key, 'r')).map((p) => p.code);
    expect(await codes({ ...sealed, body: { a: 2 } }, pub1)).toEqual(['record-hash-mismatch']);
    const rehashed = { ...sealed, hash: await hashRecord({ a: 2 }), body: { a: 2 } };
    expect(await codes(rehashed, pub1)).toEqual(['signature-invalid']);
    expect(await codes(sealed, await importPublicKey(k2.info))).toEqual(['signature-invalid']);
    expect(sealed.hash).toBe(await hashRecord({ a: 1 }));
  });
});

describe('capture records', () => {
  const info = { caseId: 'c1', title: 'T', officer: 'O', agency: 'A', createdAt: '', status: 'open' as const };
  const base = {
    captureId: 'x',
    caseId: 'c1',
    sequence: 0,
    previousRecordHash: null,
    metadata: sampleMetadata(info, 0, 'https://a.example/'),
    artefacts: [{ name: ARTEFACTS.text as string, mediaType: 'text/plain', size: 1, sha256: 'a'.repeat(64) }],
    signerFingerprint: 'b'.repeat(64),
  };
  it('builds a record with sorted artefacts', () => {
    const hits = { name: ARTEFACTS.hits, mediaType: 'application/json', size: 2, sha256: 'c'.repeat(64) };
    const rec = buildCaptureRecord({ ...base, artefacts: [...base.artefacts, hits] });
    expect(rec.artefacts.map((a) => a.name)).toEqual([ARTEFACTS.hits, ARTEFACTS.text]);
    expect(rec.type).toBe('wildtrace/capture-record');
  });
  it.each([
    [{ sequence: 1 }, /previousRecordHash/],
    [{ artefacts: [] }, /at least one artefact/],
    [{ artefacts: [{ name: '../x', mediaType: 'text/plain', size: 1, sha256: 'a'.repeat(64) }] }, /artefact name/],
    [{ metadata: { ...base.metadata, capturedAt: '2025-03-01 10:00' } }, /capturedAt/],
    [{ metadata: { ...base.metadata, viewport: { width: 0, height: 1, devicePixelRatio: 1 } } }, /viewport.width/],
    [{ caseId: 'other' }, /caseId differs/],
  ])('refuses %j', (patch, message) => {
    expect(() => buildCaptureRecord({ ...base, ...patch } as never)).toThrow(message);
  });
  it.each([...RESERVED_NAMES])('refuses the artefact name %s, reserved for the export', (name) => {
    const artefacts = [{ name, mediaType: 'text/plain', size: 1, sha256: 'a'.repeat(64) }];
    expect(() => buildCaptureRecord({ ...base, artefacts })).toThrow(/reserved/);
  });
  it('validateMetadata accepts the sample and formats offsets', () => {
    expect(validateMetadata(base.metadata)).toEqual([]);
    expect(localOffsetOf(new Date())).toMatch(/^[+-]\d\d:\d\d$/);
  });
  it("records the officer's IANA time zone when there is one (a field added later: optional)", () => {
    for (const timeZone of ['Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5']) {
      expect(validateMetadata({ ...base.metadata, timeZone }), timeZone).toEqual([]);
    }
    for (const timeZone of ['', 'Europe/<b>Paris</b>', 'a b', '../x', 42]) {
      expect(validateMetadata({ ...base.metadata, timeZone } as never).join(), String(timeZone)).toMatch(/timeZone/);
    }
    const zone = localTimeZone();
    expect(zone === undefined || validateMetadata({ ...base.metadata, timeZone: zone }).length === 0).toBe(true);
    expect(zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('capture numbers in problem messages', () => {
  it('name captures #1…n, as the officer sees them, whatever the 0-based chain sequence', () => {
    expect(captureLabel({ body: { sequence: 0, captureId: 'c-1' } })).toBe('capture #1 (c-1)');
    expect(captureLabel({ body: { sequence: 9, captureId: 'c-10' } })).toBe('capture #10 (c-10)');
    expect(captureLabel({ body: { sequence: 'x', captureId: 'c' } })).toBe('capture #?x (c)');
  });

  it('say which captures are missing from a chain by their numbers', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 4 });
    const chain = await store.listCaptures(info.caseId);
    const key = await importPublicKey(signer.info);
    const opts = { caseId: info.caseId, fingerprint: signer.info.fingerprint };
    const gap = await verifyCaptureChain([chain[0], chain[3]], key, opts);
    expect(gap.map((p) => [p.where.split(' (')[0], p.message])).toEqual([
      ['capture #4', 'captures #2..#3 are missing'],
    ]);
    const start = await verifyCaptureChain(chain.slice(2), key, opts);
    expect(start.map((p) => p.message)).toEqual([
      'the chain does not start at capture #1: earlier captures are missing',
    ]);
    const one = await verifyCaptureChain([chain[0], chain[2], chain[3]], key, opts);
    expect(one.map((p) => p.message)).toEqual(['capture #2 is missing']);
  });
});

describe('evidence store operations', () => {
  it('chains captures per case, signs them, and logs every step', async () => {
    const { store, info } = await buildSampleCase({ captures: 4, annotate: true, otherCase: true });
    const captures = await store.listCaptures(info.caseId);
    expect(captures.map((c) => c.body.sequence)).toEqual([0, 1, 2, 3]);
    expect(captures[0].body.previousRecordHash).toBeNull();
    expect(captures[2].body.previousRecordHash).toBe(captures[1].hash);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
    const actions = (await store.listAudit()).map((e) => e.body.action);
    expect(actions.slice(0, 3)).toEqual(['install', 'case-created', 'case-created']);
    expect(actions.filter((a) => a === 'capture')).toHaveLength(5);
    expect(actions.filter((a) => a === 'note')).toHaveLength(2);
    expect(actions.filter((a) => a === 'tag')).toHaveLength(2);
  });

  it('keeps the chain intact under concurrent captures', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 0 });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        appendCapture(store, signer, {
          caseId: info.caseId,
          metadata: sampleMetadata(info, i, `https://a.example/${i}`),
          artefacts: [{ name: ARTEFACTS.text, body: utf8(`t${i}`) }],
        }),
      ),
    );
    const captures = await store.listCaptures(info.caseId);
    expect(captures.map((c) => c.body.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
  });

  it('stores nothing when a capture fails midway (one transaction)', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 1 });
    const auditBefore = (await store.listAudit()).length;
    const failing = Object.create(store) as MemoryEvidenceStore;
    const killed = async () => {
      throw new Error('browser killed');
    };
    failing.transaction = (body) => store.transaction(async (tx) => body({ ...tx, addCapture: killed }));
    await expect(
      appendCapture(failing, signer, {
        caseId: info.caseId,
        metadata: sampleMetadata(info, 5, 'https://a.example/'),
        artefacts: [{ name: ARTEFACTS.text, body: utf8('x') }],
      }),
    ).rejects.toThrow('browser killed');
    expect(await store.listCaptures(info.caseId)).toHaveLength(1);
    expect((await store.listAudit()).length).toBe(auditBefore);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
  });

  it.each([
    [
      'an artefact whose bytes changed since collection',
      { artefacts: [{ name: ARTEFACTS.text, body: utf8('x'), sha256: 'a'.repeat(64) }] },
      /changed since it was collected/,
    ],
    ['an unknown case', { caseId: 'nope' }, /does not exist/],
    ['an unsafe artefact name', { artefacts: [{ name: '../../etc/passwd', body: utf8('x') }] }, /artefact name/],
  ])('refuses %s', async (_label, patch, message) => {
    const { store, signer, info } = await buildSampleCase({ captures: 0 });
    await expect(
      appendCapture(store, signer, {
        caseId: info.caseId,
        metadata: sampleMetadata(info, 0, 'https://a.example/'),
        artefacts: [{ name: ARTEFACTS.text, body: utf8('x') }],
        ...patch,
      } as never),
    ).rejects.toThrow(message);
  });

  it('refuses captures into a closed case, and logs the closing', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 0 });
    await updateCase(store, signer, info.caseId, { status: 'closed' }, 'Jane Doe');
    await expect(
      appendCapture(store, signer, {
        caseId: info.caseId,
        metadata: sampleMetadata(info, 0, 'https://a.example/'),
        artefacts: [{ name: ARTEFACTS.text, body: utf8('x') }],
      }),
    ).rejects.toThrow(/closed/);
    const last = await store.lastAudit();
    expect(last?.body).toMatchObject({
      action: 'case-updated',
      details: { changes: { status: { from: 'open', to: 'closed' } } },
    });
  });

  it('deleting a case leaves a signed tombstone and an intact audit chain', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 2 });
    const head = await store.lastCapture(info.caseId);
    const tomb = await deleteCase(store, signer, info.caseId, { actor: 'Jane Doe', reason: 'opened by mistake' });
    expect(tomb.body).toMatchObject({
      action: 'deletion',
      caseId: info.caseId,
      details: { captureCount: 2, chainHeadHash: head!.hash, title: info.title },
    });
    expect(await store.listCaptures(info.caseId)).toEqual([]);
    const pub = await importPublicKey(signer.info);
    expect(await verifyAuditChain(await store.listAudit(), pub, signer.info.fingerprint)).toEqual([]);
    await expect(deleteCase(store, signer, info.caseId, { actor: 'x', reason: '' })).rejects.toThrow(/why/);
  });

  it('self-check reports a corrupted stored artefact and record', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 2 });
    const [first] = await store.listCaptures(info.caseId);
    // Corrupt the stored rows behind the engine's back.
    type Tables = {
      artefacts: Map<string, { body: Uint8Array }>;
      captures: Map<string, { body: { metadata: { title: string } } }>;
    };
    const tables = (store as unknown as { tables: Tables }).tables;
    tables.artefacts.get(`${first.body.captureId}/${ARTEFACTS.text}`)!.body = utf8('edited');
    tables.captures.get(first.body.captureId)!.body.metadata.title = 'edited';
    const codes = (await checkStoredCase(store, info.caseId)).map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining(['record-hash-mismatch', 'artefact-hash-mismatch', 'artefact-size-mismatch']),
    );
    expect(signer.info.fingerprint).toHaveLength(64);
  });

  it('notes need a capture and text; timestamps must cover the record hash', async () => {
    const { store, signer, info } = await buildSampleCase({ captures: 1 });
    const [c] = await store.listCaptures(info.caseId);
    await expect(addNote(store, signer, { captureId: 'none', text: 'x', author: 'a' })).rejects.toThrow(
      /does not exist/,
    );
    await expect(addNote(store, signer, { captureId: c.body.captureId, text: ' ', author: 'a' })).rejects.toThrow(
      /text/,
    );
    const other = { tsaUrl: 'x', token: '', genTime: '', hash: 'f'.repeat(64) };
    await expect(attachTimestamp(store, signer, c.body.captureId, other, 'a')).rejects.toThrow(/record hash/);
    const token = { tsaUrl: 'http://tsa', token: 'AA==', genTime: '2025-01-01T00:00:00Z', hash: c.hash };
    await attachTimestamp(store, signer, c.body.captureId, token, 'a');
    expect((await store.getCapture(c.body.captureId))?.timestamp?.hash).toBe(c.hash);
    expect(await checkStoredCase(store, info.caseId)).toEqual([]);
  });

  it('reuses the install key and logs settings changes', async () => {
    const store = new MemoryEvidenceStore();
    const opts = fixedOptions();
    const a = await ensureSigningKey(store, 'x', opts);
    const b = await ensureSigningKey(store, 'x', opts);
    expect(b.info.fingerprint).toBe(a.info.fingerprint);
    await logAudit(store, a, { action: 'settings-changed', actor: 'x', details: { covertMode: false } }, opts);
    expect((await store.listAudit()).map((e) => e.body.action)).toEqual(['install', 'settings-changed']);
    const c = await createCase(store, a, { title: 'c', officer: 'o', agency: 'a' }, opts);
    const key = await importPublicKey(a.info);
    expect(await verifyCaptureChain([], key, { caseId: c.caseId, fingerprint: a.info.fingerprint })).toEqual([]);
  });
});
