import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { migrationsFolder, rows } from "@/db/client";

/** A database that does not answer within this is reported down (a balancer's check must not hang). */
const ANSWER_WITHIN_MS = 1_000;

/** Database reachable, and as many migrations applied as the code ships. */
export async function databaseHealth(): Promise<{
  ok: boolean;
  database: "up" | "down";
  migrations?: { applied: number; expected: number };
}> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const [row] = await Promise.race([
      rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no answer")), ANSWER_WITHIN_MS);
      }),
    ]);
    const expected = readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql")).length;
    const applied = row?.n ?? 0;
    return { ok: applied === expected, database: "up", migrations: { applied, expected } };
  } catch {
    return { ok: false, database: "down" };
  } finally {
    clearTimeout(timer);
  }
}
