/**
 * Postgres' unique_violation, as either driver reports it (postgres-js on the error, PGlite sometimes on its cause).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}
