import type { IncomingMessage, ServerResponse } from "node:http";
import { getConnection } from "@/db/client";
import { ClickJournal } from "@/lib/click-journal";
import { startClickWriter } from "@/lib/click-writer";
import { log } from "@/lib/log";
import { getLinkCache, handleShortLink, listenForLinkChanges } from "@/lib/redirect";

/**
 * What a server needs to answer /s/ (server.ts, and the fault test's bare redirect server): the link cache and
 * its change listener, and the click writer with its journal, whose clicks left by the last process (a crash, an
 * outage) are queued again before the first request. CHORUS_JOURNAL=0 turns the journal off.
 */
export async function startShortLinks() {
  const cache = getLinkCache();
  // Archives and slug changes on any server clear this server's cached targets (LISTEN/NOTIFY). Where the
  // database cannot LISTEN (a transaction-mode pooler, say) the cache's 60 s expiry is the bound.
  const stopListening = await listenForLinkChanges(getConnection(), cache).catch((error: unknown) => {
    log.warn("link cache will not follow other servers' changes: LISTEN failed", { error: String(error) });
    return async () => {};
  });
  const writer = startClickWriter(process.env.CHORUS_JOURNAL === "0" ? null : new ClickJournal());
  const replayed = writer.recover();
  if (replayed) log.info("replaying clicks from the journal", { count: replayed });

  return {
    writer,
    handle: (req: IncomingMessage, res: ServerResponse) => handleShortLink(req, res, cache, writer),
    /** Writes what is queued; what the database cannot take in time stays in the journal for the next start. */
    async stop(): Promise<void> {
      try {
        await writer.drain(Number(process.env.CHORUS_DRAIN_TIMEOUT_MS ?? 30_000));
      } catch (error) {
        if (!writer.journal) throw error;
        log.warn("clicks left in the journal for the next start", { count: writer.pending, error: String(error) });
      }
      writer.journal?.close();
      await stopListening();
    },
  };
}
