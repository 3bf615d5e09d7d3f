import { closeDatabase, migrateDatabase } from "@/db/client";

await migrateDatabase();
await closeDatabase();
console.log("migrations applied");
