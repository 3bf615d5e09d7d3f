import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { db, rows } from "@/db/client";
import { GET } from "@/app/api/health/route";

test("/api/health answers 200 when the database is up and every migration is applied", async () => {
  const response = await GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as {
    ok: boolean;
    database: string;
    migrations: { applied: number; expected: number };
  };
  expect(body).toMatchObject({ ok: true, database: "up", replica: null });
  expect(body.migrations.applied).toBe(body.migrations.expected);
  expect(body.migrations.expected).toBeGreaterThan(0);
});

test("/api/health answers 503 when a migration is missing", async () => {
  const [last] = await rows<{ id: number; hash: string; created_at: string }>(
    sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id desc limit 1`,
  );
  await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
  try {
    const response = await GET();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ok: boolean; migrations: { applied: number; expected: number } };
    expect(body.ok).toBe(false);
    expect(body.migrations.applied).toBe(body.migrations.expected - 1);
  } finally {
    await db.execute(
      sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`,
    );
  }
  expect((await GET()).status).toBe(200);
});
