import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { settings } from "@/db/schema";
import { log } from "@/lib/log";
import { parseScannerRanges, type ScannerRanges } from "@/lib/tracking";

const TTL_MS = 60_000;
const RETRY_MS = 5_000;
const WAIT_MS = 200;
let cached: { ranges: ScannerRanges; expires: number } | null = null;
let loading: Promise<ScannerRanges> | null = null;

/**
 * The admin's mail-scanner ranges, parsed, kept in memory for the redirect: it reads the database once a minute
 * at most, and at once after a change (saving announces it on the link-change channel every server listens to).
 * Expired ranges are still used while a background read refreshes them, so a redirect never waits on an
 * unreachable database for them; with none read yet it waits at most WAIT_MS.
 */
export async function getScannerRanges(): Promise<ScannerRanges> {
  if (cached && cached.expires > Date.now()) return cached.ranges;
  loading ??= load().finally(() => {
    loading = null;
  });
  if (cached) return cached.ranges;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<ScannerRanges>((resolve) => {
    timer = setTimeout(() => resolve([]), WAIT_MS);
  });
  return Promise.race([loading, waited]).finally(() => clearTimeout(timer));
}

async function load(): Promise<ScannerRanges> {
  try {
    const [row] = await getDb()
      .select({ scannerRanges: settings.scannerRanges })
      .from(settings)
      .where(eq(settings.id, 1));
    const { ranges } = parseScannerRanges(row?.scannerRanges ?? []);
    cached = { ranges, expires: Date.now() + TTL_MS };
    return ranges;
  } catch (error) {
    // The redirect never fails over this: without the ranges, scanners by user agent are still caught.
    log.warn("scanner ranges could not be read", { error: String(error) });
    if (cached) cached.expires = Date.now() + RETRY_MS;
    return cached?.ranges ?? [];
  }
}

/** The ranges changed: the next redirect reads them anew. */
export function invalidateScannerRanges(): void {
  cached = null;
}

/** A change may have been missed: the ranges are refreshed on next use, and used meanwhile. */
export function expireScannerRanges(): void {
  if (cached) cached.expires = 0;
}
