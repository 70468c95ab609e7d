import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMessages, readStringTables } from '../../scripts/locales';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|html)$/.test(name) ? [path] : [];
  });
}

describe('UI strings', () => {
  const tables = readStringTables(join(ROOT, 'locales'));

  it('every key has English, Spanish and French text', () => {
    expect(tables.size).toBeGreaterThan(10);
  });

  it('every string the UI asks for exists', () => {
    const missing: string[] = [];
    for (const file of [
      ...['entrypoints', 'src/background', 'src/browser', 'src/content', 'src/pages'].flatMap((d) =>
        sources(join(ROOT, d)),
      ),
      join(ROOT, 'wxt.config.ts'),
    ]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g))
        if (!tables.has(m[1])) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/data-i18n="([A-Za-z0-9_]+)"/g))
        if (!tables.has(m[1])) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/__MSG_([A-Za-z0-9_]+)__/g))
        if (!tables.has(m[1])) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('placeholders become named slots the i18n API accepts', () => {
    const [en] = buildMessages(
      new Map([['greet', { en: 'Hello $1, $2 and $1', es: 'Hola $1 $2', fr: 'Salut $1 $2' }]]),
    );
    const msg = JSON.parse(en.contents).greet;
    expect(msg.message).toBe('Hello $P1$, $P2$ and $P1$');
    expect(msg.placeholders).toEqual({ p1: { content: '$1' }, p2: { content: '$2' } });
  });
});
