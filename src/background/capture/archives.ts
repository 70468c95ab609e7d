/**
 * The page archives of a capture: the self-contained HTML archive in every browser (built by the
 * content script, see content/page-archive.ts) and MHTML beside it where the browser has
 * pageCapture (Chromium). Each one that could not be made is a warning, never a silent absence.
 */
import { utf8 } from '../../engine/bytes/bytes';
import { ARTEFACTS } from '../../engine/evidence/case-file-names';
import type { ArtefactInput } from '../../engine/evidence/operations';
import type { PageArchive } from '../../messaging/capture-protocol';
import { canSaveMhtml, saveMhtml } from './mhtml';

/** What the archive step adds to a capture. */
export interface ArchivesResult {
  artefacts: ArtefactInput[];
  /** metadata.methods.archive: which archives were made and how, or that there is none. */
  method: string;
  warnings: string[];
}

/** Both archives of a tab; `askArchive` asks the tab's content script for the HTML archive. */
export async function saveArchives(tabId: number, askArchive: () => Promise<PageArchive>): Promise<ArchivesResult> {
  const artefacts: ArtefactInput[] = [];
  const made: string[] = [];
  const warnings: string[] = [];
  try {
    const a = await askArchive();
    if (typeof a?.html !== 'string' || !a.html) throw new Error('the page returned no archive');
    artefacts.push({
      name: ARTEFACTS.archiveHtml,
      mediaType: 'text/html',
      body: new Blob([utf8(a.html) as Uint8Array<ArrayBuffer>], { type: 'text/html' }),
    });
    made.push(`${ARTEFACTS.archiveHtml} (${archiveCounts(a)}; ${a.method})`);
  } catch (e) {
    warnings.push(`page archive (HTML): ${(e as Error).message}`);
  }
  if (canSaveMhtml()) {
    try {
      artefacts.push({ name: ARTEFACTS.mhtml, mediaType: 'multipart/related', body: await saveMhtml(tabId) });
      made.push(`${ARTEFACTS.mhtml} (pageCapture.saveAsMHTML)`);
    } catch (e) {
      warnings.push((e as Error).message);
    }
  }
  const why = canSaveMhtml() ? 'both archives failed' : 'the HTML archive failed and this browser has no pageCapture';
  const method = made.length ? made.join('; ') : `no page archive (${why}): serialised DOM only`;
  return { artefacts, method, warnings };
}

/** "12 of 14 images and 3 of 4 stylesheets inlined". */
export function archiveCounts(a: Pick<PageArchive, 'images' | 'stylesheets'>): string {
  const { images: i, stylesheets: s } = a;
  const images = `${i.inlined} of ${i.inlined + i.missing} images`;
  return `${images} and ${s.inlined} of ${s.inlined + s.missing} stylesheets inlined`;
}
