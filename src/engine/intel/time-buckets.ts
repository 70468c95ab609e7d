/** Calendar buckets for trends, in UTC: ISO 8601 weeks ("2025-W09") and months ("2025-03"). */

/** The ISO week of a UTC time, "YYYY-Www" (the week's year can differ from the date's near New Year). */
export function isoWeek(iso: string): string | undefined {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  const d = new Date(t);
  const day = d.getUTCDay() || 7;
  // The Thursday of the same week decides the year.
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - day);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The UTC month of a time, "YYYY-MM". */
export function isoMonth(iso: string): string | undefined {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  return new Date(t).toISOString().slice(0, 7);
}
