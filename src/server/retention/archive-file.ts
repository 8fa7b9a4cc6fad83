/**
 * D5: the archive file of one retention batch: gzip'd JSON lines. The first line is a header;
 * then one line per archived row (its stored JSON text kept byte for byte, so the archive reads
 * back to exactly the rows removed), per lock those rows held, per chain link of an archived
 * signed record, and per photo whose bytes left the database with its last metadata row.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

export const ARCHIVE_FORMAT = 'handover-desk-archive';
export const ARCHIVE_VERSION = 1;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  siteId: string;
  /** Every unit archived was older than this cut (UTC epoch ms). */
  throughMs: number;
  createdAt: number;
  rowCount: number;
}

/** A row of the `rows` table as stored: `data` and `versions` are the stored JSON text. */
export interface ArchivedRow {
  kind: 'row';
  table: string;
  id: string;
  data: string;
  versions: string;
  updatedHlc: string;
  seq: number;
  deleted: boolean;
  receivedAt: number | null;
}

export interface ArchivedLock {
  kind: 'lock';
  table: string;
  id: string;
  recordId: string;
}

/** A signed record's link in the chain; the `chain` table keeps its hash under `archive:<n>`. */
export interface ArchivedLink {
  kind: 'chain';
  hash: string;
  recordId: string;
}

export interface ArchivedPhoto {
  kind: 'photo';
  sha256: string;
  mime: string;
  bytes: number;
  createdAt: number;
  /** The bytes, base64. */
  data: string;
}

export type ArchiveLine = ArchivedRow | ArchivedLock | ArchivedLink | ArchivedPhoto;

export interface ArchiveContent {
  header: ArchiveHeader;
  lines: ArchiveLine[];
}

/** Lowercase hex SHA-256 of bytes. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Write the archive to `file` durably (written to `file.part`, fsync'd, then renamed), before any
 * row is removed. Returns the SHA-256 of the file's bytes, recorded in the `archives` table.
 */
export function writeArchive(file: string, content: ArchiveContent): string {
  const text = [content.header, ...content.lines].map((l) => JSON.stringify(l)).join('\n') + '\n';
  const bytes = gzipSync(Buffer.from(text, 'utf8'));
  const part = `${file}.part`;
  const fd = openSync(part, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(part, file);
  return sha256Of(bytes);
}

export class ArchiveFormatError extends Error {
  override readonly name = 'ArchiveFormatError';
}

/** Read an archive back: its header, its lines, and the SHA-256 of the file's bytes. */
export function readArchive(file: string): ArchiveContent & { sha256: string } {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (err) {
    throw new ArchiveFormatError(`${file} is not a gzip file: ${(err as Error).message}`);
  }
  const [first, ...rest] = text.split('\n').filter((l) => l !== '');
  const header = first === undefined ? undefined : (JSON.parse(first) as Partial<ArchiveHeader>);
  if (header?.format !== ARCHIVE_FORMAT || header.version !== ARCHIVE_VERSION)
    throw new ArchiveFormatError(`${file} is not a Handover Desk archive (version ${ARCHIVE_VERSION})`);
  const lines = rest.map((l) => JSON.parse(l) as ArchiveLine);
  const rows = lines.filter((l) => l.kind === 'row').length;
  if (rows !== header.rowCount)
    throw new ArchiveFormatError(`${file} holds ${rows} rows, its header says ${String(header.rowCount)}`);
  return { header: header as ArchiveHeader, lines, sha256: sha256Of(bytes) };
}
