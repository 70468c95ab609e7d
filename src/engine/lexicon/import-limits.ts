/**
 * How much an agency import may hold. The importer refuses anything beyond these before it has
 * read it whole, so a small gzip file that unpacks to gigabytes, or a list of hundreds of
 * thousands of terms, cannot exhaust the options page's import worker.
 */

/**
 * A file, unpacked: a Checklist CSV export (98 MB for the one of 21 April 2017) with room to
 * grow. Also the default of the other importers.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** An agency keyword list file, unpacked. */
export const MAX_KEYWORD_LIST_BYTES = 16 * 1024 * 1024;

/**
 * Terms in one agency keyword list. Lists run to a few thousand terms, and every term costs
 * memory in each scan: importing 500,000 took 24 s and 1.4 GB, 50,000 takes 5 s and 0.4 GB.
 */
export const MAX_AGENCY_TERMS = 50_000;
