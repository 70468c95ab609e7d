/**
 * The IndexedDB write probe: a writable IndexedDB (fake-indexeddb) says yes; one that refuses
 * writes the way Firefox does in permanent private browsing says no, and so does none at all.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { indexedDbWritable, isMutationRefused } from '../../../src/browser/evidence-db/writable';

/** Firefox's refusal, as a DOMException. */
const refusal = () =>
  new DOMException(
    'A mutation operation was attempted on a database that did not allow mutations.',
    'InvalidStateError',
  );

/** An IDBFactory whose databases open but refuse every write, as Firefox's private windows do. */
function readOnlyFactory(): IDBFactory {
  const real = new IDBFactory();
  const open = real.open.bind(real);
  real.open = (name: string, version?: number) => {
    const request = open(name, version);
    request.addEventListener('success', () => {
      const db = request.result;
      const transaction = db.transaction.bind(db);
      db.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
        if (mode === 'readwrite') throw refusal();
        return transaction(stores, mode);
      }) as typeof db.transaction;
    });
    return request;
  };
  return real;
}

describe('indexedDbWritable', () => {
  it('is true where IndexedDB takes writes', async () => {
    expect(await indexedDbWritable(new IDBFactory())).toBe(true);
  });

  it('is false where every write is refused (permanent private browsing)', async () => {
    expect(await indexedDbWritable(readOnlyFactory())).toBe(false);
  });

  it('is false without IndexedDB', async () => {
    expect(await indexedDbWritable(undefined)).toBe(false);
  });
});

describe('isMutationRefused', () => {
  it('knows the refusal, also wrapped by Dexie, and nothing else', () => {
    expect(isMutationRefused(refusal())).toBe(true);
    expect(isMutationRefused({ name: 'DatabaseClosedError', inner: refusal() })).toBe(true);
    expect(isMutationRefused(new DOMException('The transaction is not active', 'InvalidStateError'))).toBe(false);
    expect(isMutationRefused(new DOMException('quota', 'QuotaExceededError'))).toBe(false);
    expect(isMutationRefused(undefined)).toBe(false);
  });
});
