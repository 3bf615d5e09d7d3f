import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import postgres from "postgres";
import { expect, test } from "vitest";
import { migrateDatabase, migrationsFolder } from "@/db/client";

const server = process.env.TEST_DATABASE_URL;
if (!server) console.log("migrate.test.ts: servers starting together need PostgreSQL; skipped on PGlite");

test.skipIf(!server)("three servers starting together on an empty database migrate it once, all of them", async () => {
  const name = `chorus_migrate_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server!);
  url.pathname = `/${name}`;
  const clients = [0, 1, 2].map(() => postgres(url.href, { max: 3, onnotice: () => {} }));
  try {
    await Promise.all(clients.map((client) => migrateDatabase({ kind: "postgres", url: url.href, client })));
    const [row] = await clients[0]!<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
    expect(row!.n).toBe(readdirSync(migrationsFolder).filter((file) => file.endsWith(".sql")).length);
  } finally {
    for (const client of clients) await client.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
