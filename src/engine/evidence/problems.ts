/** One finding of an integrity check: which file or record, what was expected and what was found. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. "file-hash-mismatch", "chain-broken". */
  code: string;
  /** The file path, or record ("capture 3 (id …)"), the problem is about. */
  where: string;
  message: string;
  expected?: string;
  found?: string;
}

/** Builds an error-level problem. */
export function error(code: string, where: string, message: string, expected?: unknown, found?: unknown): Problem {
  return withValues({ severity: 'error', code, where, message }, expected, found);
}

/** Builds a warning-level problem (does not make a case file invalid). */
export function warning(code: string, where: string, message: string, expected?: unknown, found?: unknown): Problem {
  return withValues({ severity: 'warning', code, where, message }, expected, found);
}

function withValues(p: Problem, expected: unknown, found: unknown): Problem {
  if (expected !== undefined) p.expected = show(expected);
  if (found !== undefined) p.found = show(found);
  return p;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** One line of text for a problem: "ERROR [code] where: message (expected X, found Y)". */
export function formatProblem(p: Problem): string {
  const values =
    p.expected !== undefined || p.found !== undefined
      ? ` (expected ${p.expected ?? '-'}, found ${p.found ?? '-'})`
      : '';
  return `${p.severity.toUpperCase()} [${p.code}] ${p.where}: ${p.message}${values}`;
}
