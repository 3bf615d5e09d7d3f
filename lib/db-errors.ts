/** The SQLSTATE of a database error, as either driver reports it (on the error, or on the cause drizzle wraps). */
export function sqlState(error: unknown): string | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    // Node's network errors (ECONNREFUSED, EPIPE) and postgres-js' own (CONNECTION_ENDED) are not SQLSTATEs,
    // and no SQLSTATE class starts with E.
    if (typeof code === "string" && /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code)) return code;
  }
  return null;
}

/** Postgres' unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/**
 * The database refused the data itself (class 22 data exception: a NUL byte, a value too long; class 23
 * integrity violation: a missing foreign key), so the same statement will fail however often it is retried.
 * Anything else, a lost or refused connection above all (ECONNREFUSED, 57P01, 08xxx, "PGlite is closed"), may
 * pass on a later try.
 */
export function isPermanentDataError(error: unknown): boolean {
  const state = sqlState(error);
  return !!state && (state.startsWith("22") || state.startsWith("23"));
}
