import { closeDatabase, migrateDatabase } from "@/db/client";
import { purgeExpiredClicks, RAW_CLICK_RETENTION_MONTHS } from "@/lib/privacy";

// Run daily (cron, a systemd timer, a Kubernetes CronJob): raw clicks older than 13 months are deleted,
// the daily rollups stay, so every leaderboard and dashboard total is unchanged (docs/product.md#privacy).
await migrateDatabase();
const purged = await purgeExpiredClicks();
console.log(`purged ${purged} raw clicks older than ${RAW_CLICK_RETENTION_MONTHS} months`);
await closeDatabase();
