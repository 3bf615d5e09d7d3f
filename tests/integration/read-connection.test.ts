import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  type Connection,
  getConnection,
  getReadConnection,
  hasReadReplica,
  migrateDatabase,
  setReadConnection,
} from "@/db/client";
import { writeClicks } from "@/lib/click-writer";
import { getLeaderboard } from "@/lib/leaderboard";
import { listMyClicks } from "@/lib/api/v1";
import { getMyLinks, getMyStats } from "@/lib/stats";
import { resolvePeriod } from "@/lib/periods";
import { makeSharedLink, pendingClick } from "@/tests/helpers";

// Reports read from the read connection, a person's own links from the primary. The "replica" here is a second,
// empty database: whatever a report shows, it read there; whatever it cannot see came from the primary.
const serverUrl = process.env.TEST_DATABASE_URL;
let other: Connection;
let dropOther: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (serverUrl) {
    const name = `chorus_read_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    other = { kind: "postgres", url: url.href, client: postgres(url.href, { max: 2, onnotice: () => {} }) };
    dropOther = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    other = { kind: "pglite", dataDir: "memory://", client: new PGlite() };
  }
  await migrateDatabase(other);
});

afterAll(async () => {
  setReadConnection(undefined);
  if (other.kind === "postgres") await other.client.end({ timeout: 5 });
  else await other.client.close();
  await dropOther?.();
});

test("reports read from the read connection; a person's own links from the primary", async () => {
  const link = await makeSharedLink();
  await writeClicks([pendingClick(link)]);
  const { period } = resolvePeriod({ period: "all" }, { timeZone: "UTC" });

  // No read connection: everything from the primary.
  setReadConnection(undefined);
  expect(hasReadReplica()).toBe(false);
  expect((await getLeaderboard({ viewerId: link.advocateId })).me?.countedClicks).toBe(1);
  expect((await listMyClicks(link.advocate, { limit: 10 })).items).toHaveLength(1);

  // A read connection that has none of it: the reports come back empty, the owner's own links do not.
  setReadConnection(other);
  expect(hasReadReplica()).toBe(true);
  expect(getReadConnection()).toBe(other);
  expect((await getLeaderboard({ viewerId: link.advocateId })).me).toBeNull();
  expect((await getMyStats(link.advocate, period)).overall.row).toBeNull();
  expect((await listMyClicks(link.advocate, { limit: 10 })).items).toHaveLength(0);
  expect((await getMyLinks(link.advocateId)).items.map((row) => row.code)).toEqual([link.code]);
  expect(getConnection()).not.toBe(other);
});

test.skipIf(!serverUrl)("DATABASE_READ_URL opens its own connection lazily, on first use", async () => {
  setReadConnection(undefined);
  const saved = process.env.DATABASE_READ_URL;
  process.env.DATABASE_READ_URL = other.kind === "postgres" ? other.url : "";
  try {
    const read = getReadConnection();
    expect(read).not.toBe(getConnection());
    expect(read).toMatchObject({ kind: "postgres", url: process.env.DATABASE_READ_URL });
    expect(getReadConnection()).toBe(read);
    const link = await makeSharedLink();
    await writeClicks([pendingClick(link)]);
    expect((await getLeaderboard({ viewerId: link.advocateId })).me).toBeNull();
    if (read.kind === "postgres") await read.client.end({ timeout: 5 });
  } finally {
    if (saved === undefined) delete process.env.DATABASE_READ_URL;
    else process.env.DATABASE_READ_URL = saved;
    setReadConnection(undefined);
  }
});
