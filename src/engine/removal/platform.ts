/** The platform a listing is on, named by its site, and the grouping of listings by platform. */

/** "marketplace.example" for "https://www.marketplace.example/item/1"; the URL itself when it has no host. */
export function platformOf(url: string): string {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^(www|m|mobile)\./, '') || url;
  } catch {
    return url;
  }
}

/** Items grouped by platform, platforms in order of first appearance. */
export function byPlatform<T>(items: readonly T[], urlOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const p = platformOf(urlOf(item));
    const list = out.get(p) ?? [];
    list.push(item);
    out.set(p, list);
  }
  return out;
}
