/**
 * True when a write failed on a unique key. MongoDB and FerretDB report a clash on insert as
 * 11000 (11001 on old servers), sometimes only inside `writeErrors`; FerretDB reports a clash
 * caused by an update as code 1 with a "duplicate key" message.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown; writeErrors?: unknown };
  if (e.code === 11000 || e.code === 11001) return true;
  if (e.code === 1 && typeof e.message === 'string' && /duplicate key/i.test(e.message)) return true;
  const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
  return writeErrors.some((w) => isDuplicateKeyError(w));
}
