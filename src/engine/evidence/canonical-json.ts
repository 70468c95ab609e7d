/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * ECMAScript `JSON.stringify` writes them. For the values evidence records hold (strings, finite
 * numbers, booleans, null, arrays, plain objects) this is the output of RFC 8785 (JCS), so any
 * JCS implementation recomputes the same record hash.
 */

/** A JSON value as records hold it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Canonical JSON text of a value. Throws on what JSON cannot represent exactly (NaN, Infinity,
 * undefined inside arrays, functions, non-plain objects) rather than silently changing it.
 * Object properties whose value is `undefined` are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not a finite number`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${path} has type ${typeof value}`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((v, i) => {
        if (v === undefined) throw new TypeError(`canonicalJson: ${path}[${i}] is undefined`);
        return write(v, `${path}[${i}]`);
      })
      .join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJson: ${path} is not a plain object`);
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareUtf16);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k], `${path}.${k}`)}`).join(',')}}`;
}

// JCS sorts by UTF-16 code units; JavaScript's default sort compares exactly that.
function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Readable JSON with sorted keys and two-space indentation: what export files use, so two exports
 * of the same data give the same bytes whatever order the properties were created in.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(obj).sort(compareUtf16)) out[k] = sortKeys(obj[k]);
    return out;
  }
  return value;
}
