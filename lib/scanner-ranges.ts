import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { settings } from "@/db/schema";
import { log } from "@/lib/log";
import { parseScannerRanges, type ScannerRanges } from "@/lib/tracking";

const TTL_MS = 60_000;
let cached: { ranges: ScannerRanges; expires: number } | null = null;
let loading: Promise<ScannerRanges> | null = null;

/**
 * The admin's mail-scanner ranges, parsed, kept in memory for the redirect: it reads the database once a minute
 * at most, and at once after a change (saving announces it on the link-change channel every server listens to).
 */
export async function getScannerRanges(): Promise<ScannerRanges> {
  if (cached && cached.expires > Date.now()) return cached.ranges;
  loading ??= load().finally(() => {
    loading = null;
  });
  return loading;
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
    return cached?.ranges ?? [];
  }
}

export function invalidateScannerRanges(): void {
  cached = null;
}
