import { count, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { apiTokens, hashtags, posts, users, type Role } from "@/db/schema";
import { GET as conversionsRoute } from "@/app/api/v1/conversions/route";
import { GET as leaderboard } from "@/app/api/v1/leaderboard/route";
import { GET as me } from "@/app/api/v1/me/route";
import { GET as myClicks } from "@/app/api/v1/me/clicks/route";
import { GET as myLinks } from "@/app/api/v1/me/links/route";
import { GET as myScore } from "@/app/api/v1/me/score/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { GET as onePost } from "@/app/api/v1/posts/[id]/route";
import { GET as listPosts, POST as createPostRoute } from "@/app/api/v1/posts/route";
import { GET as unknownPath } from "@/app/api/v1/[[...path]]/route";
import {
  createApiToken,
  hashToken,
  listApiTokens,
  MAX_ACTIVE_TOKENS,
  revokeApiToken,
  type TokenInput,
} from "@/lib/api/tokens";
import { encodeCursor } from "@/lib/api/v1";
import type { SessionUser } from "@/lib/auth";
import { writeClicks } from "@/lib/click-writer";
import { recordConversion } from "@/lib/outcomes/record";
import { writeWeeklySnapshot } from "@/lib/recognition/snapshots";
import { makeDraftPost, makeLivePost, makeSharedLink, makeTeam, makeUser, pendingClick } from "@/tests/helpers";

// Read when the limiter is first used; small so the rate-limit test is quick, large enough for the others.
const RATE_LIMIT = 30;
beforeAll(() => {
  process.env.CHORUS_API_RATE_LIMIT = String(RATE_LIMIT);
  // Links are built from APP_URL, whatever host a request names.
  process.env.APP_URL = "https://chorus.test";
});
// Every API call logs a line; keep the test output readable (the request-log test looks at them).
beforeEach(() => {
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Route = (request: Request, context: never) => Response | Promise<Response>;

async function call(
  route: Route,
  path: string,
  {
    token,
    method = "GET",
    body,
    params,
    headers = {},
  }: {
    token?: string;
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
) {
  const request = new Request(`https://chorus.test${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await route(request, { params: Promise.resolve(params ?? {}) } as never);
  // biome-ignore lint/suspicious/noExplicitAny: the JSON under test is read field by field, as a client would
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

async function tokenFor(roles: Role[] = ["advocate"], input: Partial<TokenInput> = {}, teamId: number | null = null) {
  const user = await makeUser(roles, teamId);
  const { token } = await createApiToken(user, { name: "test", readOnly: false, expiresInDays: "30", ...input });
  return { user, token };
}

const postCount = async () => (await db.select({ n: count() }).from(posts))[0]!.n;

describe("personal access tokens", () => {
  test("are shown once and stored only as a SHA-256 hash", async () => {
    const user = await makeUser();
    const { token, summary } = await createApiToken(user, { name: "CI", readOnly: true, expiresInDays: "7" });
    expect(token).toMatch(/^chorus_pat_[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice("chorus_pat_".length));
    expect(row!.prefix).toBe(token.slice(0, 15));
    expect(row!.expiresAt!.getTime() - row!.createdAt.getTime()).toBe(7 * 86_400_000);
    const listed = await listApiTokens(user.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty("tokenHash");
    expect(listed[0]).toMatchObject({ name: "CI", readOnly: true, revokedAt: null });
  });

  test(`at most ${MAX_ACTIVE_TOKENS} active tokens per user, even when created at once`, async () => {
    const user = await makeUser();
    const results = await Promise.allSettled(
      Array.from({ length: MAX_ACTIVE_TOKENS + 3 }, (_, i) =>
        createApiToken(user, { name: `t${i}`, readOnly: false, expiresInDays: "7" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_ACTIVE_TOKENS);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
    const [first] = await listApiTokens(user.id);
    await revokeApiToken(user.id, first!.id);
    await expect(
      createApiToken(user, { name: "after revoke", readOnly: false, expiresInDays: "7" }),
    ).resolves.toBeTruthy();
  });

  test("a user cannot revoke another user's token", async () => {
    const { user, token } = await tokenFor();
    const other = await makeUser();
    const [mine] = await listApiTokens(user.id);
    await expect(revokeApiToken(other.id, mine!.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await call(me, "/api/v1/me", { token })).status).toBe(200);
  });

  test("act with the owner's current roles", async () => {
    const { user, token } = await tokenFor(["advocate"]);
    const answer = await call(me, "/api/v1/me", { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: user.id,
      email: user.email,
      roles: ["advocate"],
      token: { readOnly: false },
    });
  });
});

describe("refused tokens: 401, JSON error, nothing changed", () => {
  test("missing, malformed and unknown tokens", async () => {
    for (const token of [undefined, "nonsense", `chorus_pat_${"A".repeat(43)}`]) {
      const answer = await call(listPosts, "/api/v1/posts", { token });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe("unauthorized");
      expect(typeof answer.body.error.message).toBe("string");
    }
    const basic = await call(listPosts, "/api/v1/posts", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
  });

  test("an expired token", async () => {
    const user = await makeUser(["advocate", "curator"]);
    const { token } = await createApiToken(
      user,
      { name: "old", readOnly: false, expiresInDays: "7" },
      new Date(Date.now() - 8 * 86_400_000),
    );
    const before = await postCount();
    const answer = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { title: "Late", url: "https://example.com/late" },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toEqual({ code: "unauthorized", message: "The token has expired." });
    expect(await postCount()).toBe(before);
  });

  test("a revoked token", async () => {
    const { user, token } = await tokenFor(["advocate", "curator"]);
    expect((await call(me, "/api/v1/me", { token })).status).toBe(200);
    const [row] = await listApiTokens(user.id);
    await revokeApiToken(user.id, row!.id);
    const before = await postCount();
    const answer = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { title: "After revoke", url: "https://example.com/x" },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.message).toBe("The token has been revoked.");
    expect(await postCount()).toBe(before);
    await expect(revokeApiToken(user.id, row!.id)).rejects.toMatchObject({ code: "not_found" });
  });

  test("a deactivated owner's token", async () => {
    const { user, token } = await tokenFor();
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await call(me, "/api/v1/me", { token })).status).toBe(401);
  });
});

describe("roles and scopes: 403, nothing changed", () => {
  test("an advocate's token may read posts but not create them", async () => {
    const { token } = await tokenFor(["advocate"]);
    expect((await call(listPosts, "/api/v1/posts", { token })).status).toBe(200);
    const before = await postCount();
    const answer = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { title: "Sneaky", url: "https://example.com" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe("forbidden");
    expect(await postCount()).toBe(before);
  });

  test("a curator's token creates a draft post", async () => {
    const { user, token } = await tokenFor(["advocate", "curator"]);
    await db
      .insert(hashtags)
      .values([{ tag: "api" }, { tag: "news" }])
      .onConflictDoNothing();
    const answer = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: {
        title: "From the API",
        url: "https://example.com/api",
        commentary: "Hello",
        hashtags: ["#API", "api", "news"],
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.headers.get("location")).toBe(`/api/v1/posts/${answer.body.id}`);
    const [row] = await db
      .select({ status: posts.status, authorId: posts.authorId, title: posts.title })
      .from(posts)
      .where(eq(posts.id, answer.body.id));
    expect(row).toEqual({ status: "draft", authorId: user.id, title: "From the API" });
    // A draft is not live: the API does not show it.
    expect(
      (await call(onePost, `/api/v1/posts/${answer.body.id}`, { token, params: { id: String(answer.body.id) } }))
        .status,
    ).toBe(404);
  });

  test("a read-only token of a curator may read but not write", async () => {
    const { token } = await tokenFor(["advocate", "curator"], { readOnly: true });
    expect((await call(listPosts, "/api/v1/posts", { token })).status).toBe(200);
    const before = await postCount();
    const answer = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { title: "Read only", url: "https://example.com" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe("This token is read-only.");
    expect(await postCount()).toBe(before);
  });

  test("a demoted curator's token loses the role at once", async () => {
    const { user, token } = await tokenFor(["advocate", "curator"]);
    await db
      .update(users)
      .set({ roles: ["advocate"] })
      .where(eq(users.id, user.id));
    const answer = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { title: "Demoted", url: "https://example.com" },
    });
    expect(answer.status).toBe(403);
  });
});

describe("malformed input: 400, nothing changed", () => {
  test("bodies", async () => {
    const { token } = await tokenFor(["advocate", "curator"]);
    const before = await postCount();
    const cases: unknown[] = [
      "{not json",
      { url: "https://example.com" },
      { title: "Bad link", url: "javascript:alert(1)" },
      { title: "Tags", url: "https://example.com", hashtags: "one two" },
      [],
    ];
    for (const body of cases) {
      const answer = await call(createPostRoute, "/api/v1/posts", { token, method: "POST", body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe("invalid");
    }
    const missingTitle = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { url: "https://example.com" },
    });
    expect(missingTitle.body.error.fields.title).toBeDefined();
    expect(await postCount()).toBe(before);
  });

  test("query parameters, cursors and ids", async () => {
    const { token } = await tokenFor();
    for (const query of ["limit=0", "limit=101", "limit=abc", "cursor=not-a-cursor", `cursor=${encodeCursor(["x"])}`]) {
      const answer = await call(listPosts, `/api/v1/posts?${query}`, { token });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe("invalid");
    }
    expect((await call(myClicks, "/api/v1/me/clicks?cursor=e30", { token })).status).toBe(400);
    expect(
      (await call(leaderboard, `/api/v1/leaderboard?cursor=${encodeCursor([0, 5, null, null, null])}`, { token }))
        .status,
    ).toBe(400);
    expect((await call(onePost, "/api/v1/posts/abc", { token, params: { id: "abc" } })).status).toBe(400);
    // Ids past Postgres' integer are refused at the boundary, not by the database (which would be a 500).
    expect((await call(onePost, "/api/v1/posts/99999999999", { token, params: { id: "99999999999" } })).status).toBe(
      400,
    );
    expect((await call(myClicks, "/api/v1/me/clicks?linkId=99999999999", { token })).status).toBe(400);
    expect(
      (await call(listPosts, `/api/v1/posts?cursor=${encodeCursor(["2026-01-01", 99999999999])}`, { token })).status,
    ).toBe(400);
  });

  test("unknown endpoints answer a JSON 404", async () => {
    const answer = await call(unknownPath, "/api/v1/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("not_found");
  });
});

describe("posts", () => {
  test("live posts for the owner's audience, in a stable order across cursor pages", async () => {
    const team = await makeTeam();
    const otherTeam = await makeTeam();
    const { token } = await tokenFor(["advocate"], {}, team);
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push((await makeLivePost({ title: `Mine ${i}` })).postId);
    const forTeam = (await makeLivePost({ title: "For my team", teams: [team] })).postId;
    const forOthers = (await makeLivePost({ title: "For another team", teams: [otherTeam] })).postId;
    const draft = (await makeDraftPost()).postId;
    // Three posts published at the same instant: ties must not lose or repeat a post between pages.
    const sameTime = new Date(Date.now() - 30_000);
    for (const id of mine.slice(1, 4)) await db.update(posts).set({ publishAt: sameTime }).where(eq(posts.id, id));
    await db
      .update(posts)
      .set({ publishAt: new Date(Date.now() - 60_000) })
      .where(eq(posts.id, mine[0]!));

    const all = await call(listPosts, "/api/v1/posts?limit=100", { token });
    expect(all.status).toBe(200);
    const ids: number[] = all.body.items.map((p: { id: number }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([...mine, forTeam]));
    expect(ids).not.toContain(forOthers);
    expect(ids).not.toContain(draft);
    const times = all.body.items.map((p: { publishedAt: string }) => Date.parse(p.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.body.nextCursor).toBeNull();

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(
        listPosts,
        `/api/v1/posts?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { token },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((p: { id: number }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(ids);

    const one = await call(onePost, `/api/v1/posts/${forTeam}`, { token, params: { id: String(forTeam) } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: forTeam, title: "For my team", hashtags: ["news"] });
    expect(
      (await call(onePost, `/api/v1/posts/${forOthers}`, { token, params: { id: String(forOthers) } })).status,
    ).toBe(404);
    expect((await call(onePost, "/api/v1/posts/999999", { token, params: { id: "999999" } })).status).toBe(404);
  });
});

describe("my links and clicks", () => {
  async function clickedLink(advocate: SessionUser) {
    const link = await makeSharedLink(advocate);
    const now = Date.now();
    await writeClicks([
      pendingClick(link, { visitorHash: "v1", at: new Date(now - 5000) }),
      pendingClick(link, { visitorHash: "v2", at: new Date(now - 4000) }),
      pendingClick(link, { visitorHash: "v1", at: new Date(now - 3000) }),
      pendingClick(link, { visitorHash: "v3", at: new Date(now - 2000), requestReason: "bot", device: "bot" }),
      pendingClick(link, {
        visitorHash: "v4",
        at: new Date(now - 1000),
        country: "DE",
        referrerHost: "www.linkedin.com",
      }),
    ]);
    return link;
  }

  test("links carry click counts; only the owner's links and clicks are shown, without visitor hashes", async () => {
    const { user, token } = await tokenFor();
    const link = await clickedLink(user);
    const otherLink = await clickedLink(await makeUser());

    const links = await call(myLinks, "/api/v1/me/links", { token });
    expect(links.status).toBe(200);
    expect(links.body.items).toHaveLength(1);
    expect(links.body.items[0]).toMatchObject({
      id: link.id,
      code: link.code,
      shortUrl: `https://chorus.test/s/${link.code}`,
      network: "linkedin",
      origin: "share",
      clicks: 5,
      countedClicks: 3,
    });

    const pages: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(
        myClicks,
        `/api/v1/me/clicks?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { token },
      );
      expect(page.status).toBe(200);
      pages.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toHaveLength(5);
    expect(pages.map((c) => c.id)).toEqual([...pages.map((c) => c.id as number)].sort((a, b) => b - a));
    expect(pages.map((c) => c.reason)).toEqual(["counted", "bot", "duplicate", "counted", "counted"]);
    expect(pages[0]).toMatchObject({
      linkId: link.id,
      code: link.code,
      country: "DE",
      referrerHost: "www.linkedin.com",
      device: "desktop",
      counted: true,
    });
    for (const click of pages) {
      expect(Object.keys(click).sort()).toEqual([
        "clickedAt",
        "code",
        "counted",
        "country",
        "device",
        "id",
        "linkId",
        "reason",
        "referrerHost",
      ]);
    }
    const filtered = await call(myClicks, `/api/v1/me/clicks?linkId=${otherLink.id}`, { token });
    expect(filtered.body.items).toEqual([]);
  });

  test("the leaderboard pages by cursor and shows names, not advocate ids", async () => {
    const { user, token } = await tokenFor();
    await clickedLink(user);
    for (let i = 0; i < 3; i++) await makeSharedLink();
    const first = await call(leaderboard, "/api/v1/leaderboard?limit=2", { token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThanOrEqual(4);
    expect(first.body.me).toMatchObject({ isMe: true, countedClicks: 3, name: user.name });
    expect(JSON.stringify(first.body)).not.toContain(user.id);
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const page: Awaited<ReturnType<typeof call>> = await call(
        leaderboard,
        `/api/v1/leaderboard?limit=50&cursor=${cursor}`,
        { token },
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(seen).toHaveLength(first.body.total);
    expect(seen.map((row) => row.rank)).toEqual([...seen.map((row) => row.rank as number)].sort((a, b) => a - b));
    expect(seen.filter((row) => row.isMe)).toHaveLength(1);
  });

  test("the leaderboard by period and team; a bad period is a 400", async () => {
    const team = await makeTeam();
    const { user, token } = await tokenFor(["advocate"], {}, team);
    const teammate = await makeUser(["advocate"], team);
    await clickedLink(user);
    await makeSharedLink(teammate);
    await makeSharedLink(await makeUser());

    const ours = await call(leaderboard, `/api/v1/leaderboard?period=week&teamId=${team}&limit=1`, { token });
    expect(ours.status).toBe(200);
    expect(ours.body).toMatchObject({ total: 2, teamId: team, me: { rank: 1, isMe: true } });
    expect(ours.body.period.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const second = await call(leaderboard, `/api/v1/leaderboard?cursor=${ours.body.nextCursor}`, { token });
    expect(second.body).toMatchObject({
      total: 2,
      teamId: team,
      nextCursor: null,
      items: [{ rank: 2, name: teammate.name, isMe: false }],
    });

    const longAgo = await call(leaderboard, "/api/v1/leaderboard?period=custom&from=2001-01-01&to=2001-01-31", {
      token,
    });
    expect(longAgo.body).toMatchObject({
      items: [],
      total: 0,
      me: null,
      nextCursor: null,
      period: { from: "2001-01-01", to: "2001-01-31" },
    });

    for (const query of [
      "period=decade",
      "period=custom&from=2026-01-01",
      "from=2026-02-01&to=2026-01-01",
      "teamId=abc",
    ]) {
      const answer = await call(leaderboard, `/api/v1/leaderboard?${query}`, { token });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe("invalid");
    }
  });
});

describe("rate limit per token", () => {
  test("past the limit: 429 with Retry-After, nothing changed; other tokens unaffected", async () => {
    const { token } = await tokenFor(["advocate", "curator"]);
    const { token: other } = await tokenFor();
    for (let i = 0; i < RATE_LIMIT; i++) {
      const answer = await call(me, "/api/v1/me", { token });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("x-ratelimit-remaining")).toBe(String(RATE_LIMIT - i - 1));
    }
    const limited = await call(me, "/api/v1/me", { token });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);

    const before = await postCount();
    const write = await call(createPostRoute, "/api/v1/posts", {
      token,
      method: "POST",
      body: { title: "Over the limit", url: "https://example.com" },
    });
    expect(write.status).toBe(429);
    expect(await postCount()).toBe(before);

    expect((await call(me, "/api/v1/me", { token: other })).status).toBe(200);
  });
});

describe("request log", () => {
  test("one JSON line per API call, without the token or the client's address", async () => {
    const { user, token } = await tokenFor();
    const lines: string[] = [];
    const capture = (line: string | Uint8Array) => {
      lines.push(...String(line).split("\n").filter(Boolean));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    await call(myLinks, "/api/v1/me/links?limit=5", {
      token,
      headers: { "x-forwarded-for": "203.0.113.9", "x-chorus-client-ip": "203.0.113.9" },
    });
    await call(me, "/api/v1/me", { token: `${token.slice(0, -1)}x`, headers: { "x-chorus-client-ip": "203.0.113.9" } });
    const entries = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.message === "api request");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      level: "info",
      method: "GET",
      path: "/api/v1/me/links",
      status: 200,
      userId: user.id,
    });
    expect(entries[1]).toMatchObject({ path: "/api/v1/me", status: 401, tokenId: null });
    const all = lines.join("\n");
    expect(all).not.toContain(token.slice("chorus_pat_".length, "chorus_pat_".length + 12));
    expect(all).not.toContain("203.0.113.9");
    expect(all).not.toContain("limit=5");
  });
});

test("the OpenAPI document describes every endpoint", async () => {
  const response = await openApi();
  const document = (await response.json()) as {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths).sort()).toEqual([
    "/api/v1/conversions",
    "/api/v1/leaderboard",
    "/api/v1/me",
    "/api/v1/me/clicks",
    "/api/v1/me/links",
    "/api/v1/me/score",
    "/api/v1/posts",
    "/api/v1/posts/{id}",
  ]);
  expect(document.components.schemas).toHaveProperty("Error");
  expect(JSON.stringify(document.components.schemas.Click)).not.toContain("visitor");
});

describe("GET /api/v1/conversions", () => {
  test("leaders' tokens page through conversions newest first; advocates' tokens are refused", async () => {
    const link = await makeSharedLink();
    const tag = Math.random().toString(36).slice(2);
    for (let i = 0; i < 3; i++)
      await recordConversion(
        { kind: "won", externalId: `api-${tag}-${i}`, code: link.code, amount: "12.5", currency: "EUR" },
        { source: "server" },
      );
    const { token } = await tokenFor(["advocate", "leader"]);
    const first = await call(conversionsRoute, "/api/v1/conversions?limit=2&kind=won", { token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      externalId: `api-${tag}-2`,
      amount: "12.5",
      currency: "EUR",
      attributed: true,
      advocateId: link.advocateId,
    });
    const second = await call(
      conversionsRoute,
      `/api/v1/conversions?limit=2&kind=won&cursor=${first.body.nextCursor}`,
      {
        token,
      },
    );
    expect(second.body.items.map((c: { externalId: string }) => c.externalId)).toContain(`api-${tag}-0`);
    const { token: advocateToken } = await tokenFor(["advocate"]);
    expect((await call(conversionsRoute, "/api/v1/conversions", { token: advocateToken })).status).toBe(403);
    expect((await call(conversionsRoute, "/api/v1/conversions?cursor=nope", { token })).status).toBe(400);
  });
});

describe("influence score", () => {
  test("GET /me/score answers the latest snapshot; leaderboard rows carry the score", async () => {
    const { user, token } = await tokenFor();
    const before = await call(myScore, "/api/v1/me/score", { token });
    expect(before.status).toBe(200);
    const link = await makeSharedLink(user);
    await writeClicks([pendingClick(link, { visitorHash: "s1" }), pendingClick(link, { visitorHash: "s2" })]);
    // A week after today, so today's share and clicks are inside its 13 weeks.
    const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await writeWeeklySnapshot(week);
    const answer = await call(myScore, "/api/v1/me/score", { token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      week,
      inputs: { weeksWithShare: 1, shares: 1, countedClicks: 2, reshares: 0, conversions: 0 },
      trend: [{ week, score: answer.body.score }],
    });
    const { consistency, reach, resonance, amplification } = answer.body.parts;
    expect(answer.body.score).toBe(Math.round(consistency + reach + resonance + amplification));
    expect(answer.body.score).toBeGreaterThan(0);
    const board = await call(leaderboard, "/api/v1/leaderboard?limit=1", { token });
    expect(board.body.me).toMatchObject({ isMe: true, score: answer.body.score });
    // The documented fields only: the Influenced count is the admin's to show, and ids would unmask hidden names.
    expect(Object.keys(board.body.me).sort()).toEqual(
      ["countedClicks", "isMe", "name", "points", "rank", "reshares", "score", "shares", "team"].sort(),
    );
  });
});
