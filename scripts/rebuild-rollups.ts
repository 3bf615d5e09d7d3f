import { closeDatabase, db, migrateDatabase } from "@/db/client";
import { outcomeRollupDrift, rebuildOutcomeRollups } from "@/lib/outcomes/rollup";
import { monthlyRollupDrift, rebuildMonthlyRollups } from "@/lib/rollup-rows";
import { rebuildRollups, rollupDrift } from "@/lib/rollups";

// `npx tsx scripts/rebuild-rollups.ts [--check]`: report drift between the rollups (rollup_daily, rollup_outcomes)
// and the raw rows, and between the monthly rollups and the daily ones, or rebuild them.
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
// Checked after the daily rebuilds, whose triggers also rewrite the months they touch.
const monthlyDrift = await monthlyRollupDrift();
console.log(`${monthlyDrift.length} monthly rollup rows differ from the daily rows summed by month`);
if (monthlyDrift.length && !process.argv.includes("--check"))
  console.log(`rebuilt the monthly rollups: ${await db.transaction((tx) => rebuildMonthlyRollups(tx))} rows`);
await closeDatabase();
