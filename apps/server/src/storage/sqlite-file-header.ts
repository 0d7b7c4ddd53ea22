/**
 * What the first 100 bytes of a file say about it as an SQLite database (the format is
 * documented at https://sqlite.org/fileformat.html#the_database_header). Read before the
 * file is handed to SQLite, so a file that is not a database at all, or a database cut
 * short (a copy interrupted, a partial download), is named as such instead of surfacing as
 * a driver error half way through a check.
 */

export const SQLITE_HEADER_BYTES = 100;

const MAGIC = "SQLite format 3\0";

/** Why a file cannot be a whole SQLite database, judged from its header and size. */
export type HeaderProblem = "not_sqlite" | "truncated";

export interface SqliteHeader {
  pageSize: number;
  /** Pages the header says the database has; undefined when that field is not valid. */
  pageCount: number | undefined;
}

/** The header's page size and page count, or undefined when the bytes are not an SQLite header. */
export function readSqliteHeader(header: Uint8Array): SqliteHeader | undefined {
  if (header.byteLength < SQLITE_HEADER_BYTES) return undefined;
  for (let i = 0; i < MAGIC.length; i++) if (header[i] !== MAGIC.charCodeAt(i)) return undefined;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const raw = view.getUint16(16);
  // 1 stands for 65,536, which does not fit in two bytes.
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  const changeCounter = view.getUint32(24);
  const inHeaderSize = view.getUint32(28);
  const validFor = view.getUint32(92);
  // The in-header size is trusted only when it is non-zero and was written by the same
  // change as the counter (older writers left it stale).
  const pageCount = inHeaderSize > 0 && changeCounter === validFor ? inHeaderSize : undefined;
  return { pageSize, pageCount };
}

/** Why the file (its first bytes and its size) cannot be a whole database; undefined if it may be. */
export function headerProblem(header: Uint8Array, fileSize: number): HeaderProblem | undefined {
  const parsed = readSqliteHeader(header);
  if (!parsed) return "not_sqlite";
  if (fileSize % parsed.pageSize !== 0) return "truncated";
  if (parsed.pageCount !== undefined && parsed.pageCount * parsed.pageSize > fileSize) return "truncated";
  return undefined;
}
