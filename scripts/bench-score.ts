import { writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { digestWeek } from "@/lib/notifications";
import { awardBadges } from "@/lib/recognition/badges";
import { writeWeeklySnapshot } from "@/lib/recognition/snapshots";
import { recountVisitorMonths } from "@/lib/recognition/visitors";
import { generateDataset } from "./generate";

/**
 * `npm run bench -- --score [--advocates 10000] [--clicks 10000000]`: the weekly recognition run (score
 * snapshot, monthly visitor recount, badges) timed on a generated data set, alone: the redirect bench does not
 * run. Prints a markdown table and writes bench/score-results.json.
 */
export async function scoreBench(
  db: { kind: string; open(): void; migrate(): Promise<void> },
  sizes: { advocates: number; clicks: number; rawClickDays?: number },
  say: (message: string) => void,
): Promise<void> {
  db.open();
  await db.migrate();
  say(`generating ${sizes.advocates.toLocaleString("en")} advocates, ${sizes.clicks.toLocaleString("en")} clicks`);
  const dataset = await generateDataset(sizes, (message) => say(`  ${message}`));
  say(`generated in ${dataset.seconds.toFixed(0)} s; running the weekly job`);
  const { week } = digestWeek(new Date(), "UTC");
  const steps: { step: string; seconds: number; rows: number }[] = [];
  const timed = async (step: string, run: () => Promise<number>) => {
    const started = performance.now();
    const count = await run();
    steps.push({ step, seconds: (performance.now() - started) / 1000, rows: count });
  };
  await timed("score snapshot (13 weeks of rollups)", () => writeWeeklySnapshot(week));
  await timed("distinct visitors per month (raw clicks, ~2 months)", () => recountVisitorMonths(week));
  await timed("badges (all rollups, first run)", () => awardBadges());
  await timed("badges (second run: nothing new)", () => awardBadges());
  const [size] = await rows<{ rollup: number; raw: number }>(
    sql`select (select count(*) from rollup_daily)::int as rollup, (select count(*) from clicks)::int as raw`,
  );
  const total = steps.slice(0, 3).reduce((sum, s) => sum + s.seconds, 0);
  const table = [
    `### Weekly score job (${db.kind}; ${sizes.advocates.toLocaleString("en")} advocates, ${sizes.clicks.toLocaleString("en")} clicks in the rollups, ${(size?.rollup ?? 0).toLocaleString("en")} rollup rows, ${(size?.raw ?? 0).toLocaleString("en")} raw clicks kept${sizes.rawClickDays ? ` (the last ${sizes.rawClickDays} days)` : ""})`,
    "",
    "| step | seconds | rows written |",
    "| --- | ---: | ---: |",
    ...steps.map((s) => `| ${s.step} | ${s.seconds.toFixed(2)} | ${s.rows.toLocaleString("en")} |`),
    `| **the weekly run** | **${total.toFixed(2)}** | |`,
  ].join("\n");
  console.log(`\n${table}\n`);
  writeFileSync(
    "bench/score-results.json",
    `${JSON.stringify({ database: db.kind, ...sizes, week, steps }, null, 2)}\n`,
  );
}
