import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { getDb, getReadDb, hasReadReplica, migrationsFolder, rows } from "@/db/client";

/** A database that does not answer within this is reported down (a balancer's check must not hang). */
const ANSWER_WITHIN_MS = 1_000;

/** `run`'s answer, or a rejection once ANSWER_WITHIN_MS have passed without one. */
async function withinDeadline<T>(run: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no answer")), ANSWER_WITHIN_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export type ReplicaHealth =
  | { database: "up"; lagSeconds: number | null; behindBytes: number | null }
  | { database: "down" };

/**
 * The read replica reports read from (DATABASE_READ_URL), or null without one. `lagSeconds`: how long ago the
 * replica replayed the last transaction it received, 0 when it has replayed everything it received (an idle
 * primary sends nothing, so the age alone would grow); null when it is not a standby. `behindBytes`: how much
 * WAL the primary has written that the replica has not replayed (null when the primary did not answer). Reported,
 * not part of `ok`: every server shares the replica, so taking servers out of the balancer would not help.
 */
export async function replicaHealth(): Promise<ReplicaHealth | null> {
  if (!hasReadReplica()) return null;
  try {
    const [replica] = await withinDeadline(
      rows<{ standby: boolean; lag_seconds: number | null; replayed: string | null }>(
        sql`select pg_is_in_recovery() as standby,
                   case when not pg_is_in_recovery() then null
                        when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                        else extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 end as lag_seconds,
                   pg_last_wal_replay_lsn()::text as replayed`,
        getReadDb(),
      ),
    );
    let behindBytes: number | null = null;
    if (replica?.replayed) {
      const [primary] = await withinDeadline(
        rows<{ behind: string }>(
          sql`select greatest(pg_wal_lsn_diff(pg_current_wal_lsn(), ${replica.replayed}::pg_lsn), 0)::bigint::text as behind`,
          getDb(),
        ),
      ).catch(() => []);
      behindBytes = primary ? Number(primary.behind) : null;
    }
    return {
      database: "up",
      lagSeconds: replica?.lag_seconds == null ? null : Math.max(0, Number(replica.lag_seconds)),
      behindBytes,
    };
  } catch {
    return { database: "down" };
  }
}

/** Database reachable, and as many migrations applied as the code ships. */
export async function databaseHealth(): Promise<{
  ok: boolean;
  database: "up" | "down";
  migrations?: { applied: number; expected: number };
}> {
  try {
    const [row] = await withinDeadline(
      rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    );
    const expected = readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql")).length;
    const applied = row?.n ?? 0;
    return { ok: applied === expected, database: "up", migrations: { applied, expected } };
  } catch {
    return { ok: false, database: "down" };
  }
}
