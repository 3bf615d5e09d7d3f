import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { migrationsFolder, rows } from "@/db/client";

/** Database reachable, and as many migrations applied as the code ships. */
export async function databaseHealth(): Promise<{
  ok: boolean;
  database: "up" | "down";
  migrations?: { applied: number; expected: number };
}> {
  try {
    const [row] = await rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const expected = readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql")).length;
    const applied = row?.n ?? 0;
    return { ok: applied === expected, database: "up", migrations: { applied, expected } };
  } catch {
    return { ok: false, database: "down" };
  }
}
