import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Db, getConnection, getDb, rows } from "@/db/client";
import * as schema from "@/db/schema";
import { rateLimits } from "@/db/schema";
import { sharedLimiter } from "@/lib/rate-limits";

// Two app servers, each with its own limiter and (on PostgreSQL) its own connection, share one budget.
let second: { db: Db; close: () => Promise<void> };

beforeAll(() => {
  const connection = getConnection();
  if (connection.kind === "postgres") {
    const client = postgres(connection.url, { max: 4, onnotice: () => {} });
    second = { db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
  } else {
    // One embedded database per process: the second "server" is a second limiter on its own drizzle instance.
    second = { db: getDb(), close: async () => {} };
  }
});

afterAll(async () => {
  await second.close();
});

/** "allowed" or "refused" for one request, as the API and embed routes tell them apart. */
async function hit(limiter: ReturnType<typeof sharedLimiter>, key: string): Promise<"allowed" | "refused"> {
  try {
    await limiter.consume(key);
    return "allowed";
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return "refused";
    throw refusal;
  }
}

test("two servers' limiters share one budget per key, taken in turn", async () => {
  const a = sharedLimiter("test-turns", { points: 5, duration: 60 });
  const b = sharedLimiter("test-turns", { points: 5, duration: 60 }, second.db);
  const answers: string[] = [];
  for (let i = 0; i < 8; i++) answers.push(await hit(i % 2 ? b : a, "token:1"));
  expect(answers).toEqual(["allowed", "allowed", "allowed", "allowed", "allowed", "refused", "refused", "refused"]);
  // Another key has its own budget; the counter is one row on the database, not in either process.
  expect(await hit(b, "token:2")).toBe("allowed");
  const [row] = await getDb().select().from(rateLimits).where(eq(rateLimits.key, "test-turns:token:1"));
  expect(row?.points).toBe(8);
  expect(row?.expire?.getTime()).toBeGreaterThan(Date.now());
});

test("at once from both servers: exactly the budget is allowed (one atomic upsert per hit)", async () => {
  const a = sharedLimiter("test-burst", { points: 10, duration: 60 });
  const b = sharedLimiter("test-burst", { points: 10, duration: 60 }, second.db);
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => hit(i % 2 ? b : a, "address:x")));
  expect(answers.filter((answer) => answer === "allowed")).toHaveLength(10);
  expect(answers.filter((answer) => answer === "refused")).toHaveLength(20);
});

test("an expired window starts a fresh budget", async () => {
  const a = sharedLimiter("test-window", { points: 1, duration: 60 });
  const b = sharedLimiter("test-window", { points: 1, duration: 60 }, second.db);
  expect(await hit(a, "k")).toBe("allowed");
  expect(await hit(b, "k")).toBe("refused");
  // The window ends (moved into the past rather than waited for).
  await rows(sql`update ${rateLimits} set expire = now() - interval '1 second' where key = 'test-window:k'`);
  expect(await hit(b, "k")).toBe("allowed");
  expect(await hit(a, "k")).toBe("refused");
});
