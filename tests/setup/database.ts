import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, migrateDatabase, setConnection } from "@/db/client";
import { assertLocalDatabase } from "@/tests/setup/local";

let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    assertLocalDatabase(serverUrl);
    const name = `chorus_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    setConnection({ kind: "postgres", url: url.href, client: postgres(url.href, { max: 10, onnotice: () => {} }) });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    setConnection({ kind: "pglite", dataDir: "memory://", client: new PGlite() });
  }
  await migrateDatabase();
});

afterAll(async () => {
  await closeDatabase();
  await dropDatabase?.();
});
