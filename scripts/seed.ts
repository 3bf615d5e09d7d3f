import { closeDatabase, migrateDatabase } from "@/db/client";
import { seedDemo } from "./demo-seed";

// `npm run db:seed` (and `npm run demo`, and the e2e server): the demo programme of scripts/demo-seed.ts, once.
const started = Date.now();
await migrateDatabase();
const summary = await seedDemo();
if (summary)
  console.log(
    `seeded ${summary.users} people, ${summary.posts} posts, ${summary.shares} shares, ${summary.clicks} clicks, ` +
      `${summary.reshares} reshares, ${summary.conversions} conversions and ${summary.weeks} weekly scores ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
else console.log("demo data already present");
await closeDatabase();
