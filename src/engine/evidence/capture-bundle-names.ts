/**
 * Where a capture bundle goes under the downloads folder. A capture bundle is a case file
 * (docs/export-format.md) that holds one capture, written at once when the browser keeps no
 * evidence on disk (Tor Browser): "Wildtrace/<case title>-<case id>/capture-<number>-<hash>.zip".
 * The case id in the folder keeps two cases with one title apart; the record hash in the name
 * lets the officer match a file to the capture the side panel lists.
 */
import type { CaseInfo, StoredCapture } from './model';

/** The top folder under the officer's downloads folder. */
export const BUNDLE_ROOT = 'Wildtrace';

const slug = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'case';

/** The case's folder, relative to the downloads folder. */
export function caseBundleFolder(info: Pick<CaseInfo, 'caseId' | 'title'>): string {
  return `${BUNDLE_ROOT}/${slug(info.title)}-${info.caseId.slice(0, 8)}`;
}

/** The bundle's path, relative to the downloads folder. */
export function captureBundlePath(info: Pick<CaseInfo, 'caseId' | 'title'>, capture: StoredCapture): string {
  const number = String(capture.body.sequence + 1).padStart(3, '0');
  return `${caseBundleFolder(info)}/capture-${number}-${capture.hash.slice(0, 12)}.zip`;
}
