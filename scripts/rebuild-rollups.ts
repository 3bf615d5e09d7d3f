import { closeDatabase, db, migrateDatabase } from "@/db/client";
import { outcomeRollupDrift, rebuildOutcomeRollups } from "@/lib/outcomes/rollup";
import { rebuildRollups, rollupDrift } from "@/lib/rollups";

// `npx tsx scripts/rebuild-rollups.ts [--check]`: report drift between the rollups (rollup_daily, rollup_outcomes)
// and the raw rows, or rebuild them.
await migrateDatabase();
const drift = await rollupDrift();
const outcomeDrift = await outcomeRollupDrift();
console.log(`${drift.length} rollup rows differ from a rebuild from raw rows`);
console.log(`${outcomeDrift.length} outcome rollup rows differ from a rebuild from the conversions`);
if (!process.argv.includes("--check")) {
  if (drift.length) console.log(`rebuilt rollup_daily: ${await db.transaction((tx) => rebuildRollups(tx))} rows`);
  if (outcomeDrift.length)
    console.log(`rebuilt rollup_outcomes: ${await db.transaction((tx) => rebuildOutcomeRollups(tx))} rows`);
}
await closeDatabase();
