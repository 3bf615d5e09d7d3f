import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

/** Both drivers expose the same query builder; the app is typed against the postgres-js one. */
export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Connection =
  | { kind: "pglite"; client: PGlite; dataDir: string }
  | { kind: "postgres"; client: postgres.Sql; url: string };

// Kept on globalThis: server.ts and Next's bundled route code are separate module copies in one process,
// and a PGlite data folder must be opened exactly once per process.
const shared = globalThis as typeof globalThis & {
  __chorusConnection?: Connection;
  __chorusReadConnection?: Connection;
};
let wrapped: { connection: Connection; db: Db } | undefined;
let wrappedRead: { connection: Connection; db: Db } | undefined;

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CHORUS_DATA_DIR ?? ".data");
}

/** Embedded PGlite under .data/ when DATABASE_URL is absent, else that server through postgres-js. */
export function openConnection(url = process.env.DATABASE_URL): Connection {
  if (url) {
    return {
      kind: "postgres",
      url,
      client: postgres(url, { max: Number(process.env.DATABASE_POOL ?? 10), onnotice: () => {} }),
    };
  }
  const dir = path.join(/*turbopackIgnore: true*/ dataDir(), "pglite");
  mkdirSync(dir, { recursive: true });
  return { kind: "pglite", dataDir: dir, client: new PGlite(dir) };
}

/** Makes `connection` the one the app uses (tests hand in their own). */
export function setConnection(connection: Connection): void {
  shared.__chorusConnection = connection;
  wrapped = undefined;
}

export function getConnection(): Connection {
  shared.__chorusConnection ??= openConnection();
  return shared.__chorusConnection;
}

function drizzleOf(connection: Connection): Db {
  return connection.kind === "pglite"
    ? (drizzlePglite(connection.client, { schema }) as unknown as Db)
    : drizzlePostgres(connection.client, { schema });
}

export function getDb(): Db {
  const connection = getConnection();
  if (wrapped?.connection !== connection) wrapped = { connection, db: drizzleOf(connection) };
  return wrapped.db;
}

/**
 * The connection reports read from: DATABASE_READ_URL (a streaming replica; PostgreSQL only) when it is set,
 * else the primary. Opened lazily on first use, like the primary. A replica may be a moment behind: what a
 * person has just written themselves (their links, posts, settings) is read with getDb()/rows() instead.
 */
export function getReadConnection(): Connection {
  const primary = getConnection();
  if (shared.__chorusReadConnection) return shared.__chorusReadConnection;
  const url = process.env.DATABASE_READ_URL;
  if (!url || primary.kind !== "postgres") return primary;
  shared.__chorusReadConnection = openConnection(url);
  return shared.__chorusReadConnection;
}

/** Makes `connection` the one reports read from (tests hand in their own; undefined: back to the primary). */
export function setReadConnection(connection: Connection | undefined): void {
  shared.__chorusReadConnection = connection;
  wrappedRead = undefined;
}

/** Whether reports read from a connection of their own (a replica) rather than the primary. */
export function hasReadReplica(): boolean {
  return getReadConnection() !== getConnection();
}

export function getReadDb(): Db {
  const connection = getReadConnection();
  if (connection === getConnection()) return getDb();
  if (wrappedRead?.connection !== connection) wrappedRead = { connection, db: drizzleOf(connection) };
  return wrappedRead.db;
}

/** The app's database, opened lazily on first use (never at import: `next build` imports route modules). */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const real = getDb();
    const value: unknown = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** Rows of a raw statement; the two drivers shape `execute` results differently. */
export async function rows<T>(query: SQL, on: Db | Tx = getDb()): Promise<T[]> {
  const result = (await on.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Rows of a raw report statement, from the read connection (the replica when there is one). */
export function readRows<T>(query: SQL): Promise<T[]> {
  return rows<T>(query, getReadDb());
}

/** The session-level advisory lock held while migrations run (the click writer's is 4242001). */
const MIGRATION_LOCK = 4242002;

export async function migrateDatabase(connection: Connection = getConnection()): Promise<void> {
  if (connection.kind === "pglite") {
    await migratePglite(drizzlePglite(connection.client), { migrationsFolder });
    return;
  }
  // Servers starting together take turns: the first migrates, the others then find nothing left to apply.
  const session = await connection.client.reserve();
  try {
    await session`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(connection.client), { migrationsFolder });
  } finally {
    await session`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    session.release();
  }
}

export async function closeDatabase(): Promise<void> {
  const read = shared.__chorusReadConnection;
  shared.__chorusReadConnection = undefined;
  wrappedRead = undefined;
  if (read?.kind === "postgres" && read !== shared.__chorusConnection) await read.client.end({ timeout: 5 });
  const connection = shared.__chorusConnection;
  if (!connection) return;
  shared.__chorusConnection = undefined;
  wrapped = undefined;
  if (connection.kind === "pglite") await connection.client.close();
  else await connection.client.end({ timeout: 5 });
}
