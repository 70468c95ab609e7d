/** The case files a report was asked to read, and what became of each (shown first in the report). */

export type InputStatus = 'included' | 'failed' | 'duplicate' | 'unreadable';

export interface ReportInput {
  /** The file name as given (or the case title in the extension). */
  name: string;
  status: InputStatus;
  caseId?: string;
  caseTitle?: string;
  caseReference?: string;
  /** Captures counted from this file (0 unless included). */
  captures: number;
  /** The signing key's fingerprint and how it was checked (verify's KeyCheck status). */
  fingerprint?: string;
  keyStatus?: string;
  keyHolder?: string;
  /** Why a file was left out, in words (the verifier's first problems, or the read error). */
  reason?: string;
}

/** What the report says about a file's status. */
export const INPUT_STATUS_TEXT: Readonly<Record<InputStatus, string>> = {
  included: 'verified, included',
  failed: 'FAILED verification: NOT included',
  duplicate: 'already read (same captures): not counted again',
  unreadable: 'cannot be read: NOT included',
};
