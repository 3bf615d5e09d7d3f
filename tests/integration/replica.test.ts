import { rmSync } from "node:fs";
import postgres from "postgres";
import { expect, test } from "vitest";
import { getConnection, migrateDatabase, setConnection, setReadConnection } from "@/db/client";
import { GET as health } from "@/app/api/health/route";
import { writeClicks } from "@/lib/click-writer";
import { getLeaderboard } from "@/lib/leaderboard";
import { type ReplicaHealth, replicaHealth } from "@/lib/health";
import { makeSharedLink, pendingClick } from "@/tests/helpers";
import { postgresUnavailable, startPrimary, startReplica, waitForReplica } from "@/scripts/cluster";

// A real streaming replica (pg_basebackup -R of a primary this test starts, on ports of its own): reports read
// from it, and /api/health says how far behind it is.
const PG_PORT = Number(process.env.REPLICA_TEST_PG_PORT ?? 3116);
const reason = !process.env.TEST_DATABASE_URL
  ? "an embedded PGlite has no replica; runs with TEST_DATABASE_URL"
  : postgresUnavailable();
if (reason) console.log(`replica.test.ts skipped: ${reason}`);

test.skipIf(!!reason)(
  "reports read from a streaming replica; /api/health reports its lag while replay is paused and 0 once caught up",
  { timeout: 180_000 },
  async () => {
    const real = getConnection();
    const primary = await startPrimary(PG_PORT);
    let replica: Awaited<ReturnType<typeof startReplica>> | undefined;
    const primaryClient = postgres(primary.url, { max: 4, onnotice: () => {} });
    let replicaClient: postgres.Sql | undefined;
    try {
      setConnection({ kind: "postgres", url: primary.url, client: primaryClient });
      await migrateDatabase();
      replica = await startReplica(primary, PG_PORT + 1);
      replicaClient = postgres(replica.url, { max: 2, onnotice: () => {} });
      setReadConnection({ kind: "postgres", url: replica.url, client: replicaClient });

      const link = await makeSharedLink();
      await writeClicks([pendingClick(link)]);
      await waitForReplica(primary.url, replica.url);
      expect((await getLeaderboard({ viewerId: link.advocateId })).me?.countedClicks).toBe(1);
      await expect.poll(replicaHealth).toEqual({ database: "up", lagSeconds: 0, behindBytes: 0 });

      // Replay paused: the primary moves on, the replica does not, and the reports show the replica's state.
      await replicaClient`select pg_wal_replay_pause()`;
      await writeClicks([pendingClick(link, { visitorHash: "visitor-b", addressHash: "address-b" })]);
      expect((await getLeaderboard({ viewerId: link.advocateId })).me?.countedClicks).toBe(1);
      const behind = (await replicaHealth()) as Extract<ReplicaHealth, { database: "up" }>;
      expect(behind.database).toBe("up");
      expect(behind.behindBytes).toBeGreaterThan(0);
      // It received the new WAL but has not replayed it: the age of its last replayed transaction.
      await expect.poll(async () => ((await replicaHealth()) as typeof behind).lagSeconds).toBeGreaterThan(0);
      const body = (await (await health()).json()) as { ok: boolean; replica: ReplicaHealth };
      expect(body.ok).toBe(true);
      expect(body.replica).toMatchObject({ database: "up" });

      await replicaClient`select pg_wal_replay_resume()`;
      await waitForReplica(primary.url, replica.url);
      expect((await getLeaderboard({ viewerId: link.advocateId })).me?.countedClicks).toBe(2);

      // The replica stopped: reported down, within the health check's second, and not part of the status.
      await replica.stop();
      const started = Date.now();
      const down = (await (await health()).json()) as { ok: boolean; replica: ReplicaHealth };
      expect(down).toMatchObject({ ok: true, replica: { database: "down" } });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      setReadConnection(undefined);
      setConnection(real);
      await replicaClient?.end({ timeout: 1 }).catch(() => undefined);
      await primaryClient.end({ timeout: 5 });
      await replica?.stop();
      await primary.stop();
      for (const dir of [replica?.dir, primary.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
    }
  },
);
