import { eq, sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { closeDatabase, db, migrateDatabase, rows, setConnection } from "@/db/client";
import { posts, trackedLinks, users } from "@/db/schema";

// For e2e/shutdown.spec.ts: `seed <dir>` makes a live post and one tracked link in a fresh PGlite folder and
// prints its code; `count <dir> <code>` prints the link's stored clicks, their distinct ids and their rollup total
// as JSON.
const [command, dir, code] = process.argv.slice(2);
if (!dir) throw new Error("usage: shutdown-db.ts seed|count <pglite dir> [code]");
setConnection({ kind: "pglite", dataDir: dir, client: new PGlite(dir) });

if (command === "seed") {
  await migrateDatabase();
  const [advocate] = await db
    .insert(users)
    .values({ email: "shutdown@chorus.local", name: "Shutdown Test" })
    .returning({ id: users.id });
  const [post] = await db
    .insert(posts)
    .values({
      title: "Shutdown test",
      url: "https://example.com/shutdown",
      status: "approved",
      authorId: advocate!.id,
      approvedAt: new Date(),
    })
    .returning({ id: posts.id });
  const linkCode = "Shutdown1";
  await db
    .insert(trackedLinks)
    .values({ code: linkCode, advocateId: advocate!.id, postId: post!.id, network: "linkedin" });
  console.log(JSON.stringify({ code: linkCode }));
} else if (command === "count" && code) {
  const [link] = await db.select({ id: trackedLinks.id }).from(trackedLinks).where(eq(trackedLinks.code, code));
  const [counts] = await rows<{ clicks: number; ids: number; rollup: number }>(sql`
    select (select count(*)::int from clicks where link_id = ${link!.id}) as clicks,
           (select count(distinct click_id)::int from clicks where link_id = ${link!.id}) as ids,
           (select coalesce(sum(clicks), 0)::int from rollup_daily) as rollup`);
  console.log(JSON.stringify(counts));
} else {
  throw new Error(`unknown command ${command}`);
}
await closeDatabase();
