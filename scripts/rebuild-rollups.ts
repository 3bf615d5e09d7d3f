import { closeDatabase, db, migrateDatabase } from "@/db/client";
import { rebuildRollups, rollupDrift } from "@/lib/rollups";

// `npx tsx scripts/rebuild-rollups.ts [--check]`: report drift between rollup_daily and the raw rows, or rebuild it.
await migrateDatabase();
const drift = await rollupDrift();
console.log(`${drift.length} rollup rows differ from a rebuild from raw rows`);
if (!process.argv.includes("--check") && drift.length) {
  const n = await db.transaction((tx) => rebuildRollups(tx));
  console.log(`rebuilt rollup_daily: ${n} rows`);
}
await closeDatabase();
