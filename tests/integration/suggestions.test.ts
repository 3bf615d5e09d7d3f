import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { jobs, outboxMessages, posts, suggestions } from "@/db/schema";
import {
  acceptSuggestion,
  assertPublicHost,
  declineSuggestion,
  listInbox,
  listMySuggestions,
  suggestInput,
  suggestPost,
} from "@/lib/content/suggestions";
import { DomainError } from "@/lib/errors";
import { runNotifications } from "@/lib/notification-jobs";
import { getLeaderboard, getTeamLeaderboard } from "@/lib/leaderboard";
import { todayIn } from "@/lib/periods";
import { pointValues } from "@/lib/points-rules";
import { getSettings } from "@/lib/settings";
import { makeLivePost, makeTeam, makeUser, withSettings } from "@/tests/helpers";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
let site: Server;
let base: string;

beforeAll(async () => {
  process.env.CHORUS_FETCH_PRIVATE_HOSTS = "1";
  process.env.CHORUS_DATA_DIR ??= `/tmp/chorus-test-${process.pid}`;
  site = createServer((req, res) => {
    if (req.url === "/image.png") return res.writeHead(200, { "content-type": "image/png" }).end(PNG);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      `<html><head><title>Fallback</title><meta property="og:title" content="Quarterly results are in">
       <meta name="description" content="Our best quarter yet."><meta property="og:image" content="/image.png"></head></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  delete process.env.CHORUS_FETCH_PRIVATE_HOSTS;
  await new Promise((resolve) => site.close(resolve));
});

async function domainError(action: Promise<unknown>) {
  const error = await action.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("suggestions", () => {
  test("bad links are refused: not http(s), private addresses, a live post's link (named)", async () => {
    expect(suggestInput.safeParse({ url: "javascript:alert(1)" }).success).toBe(false);
    expect(suggestInput.safeParse({ url: "ftp://example.com/x" }).success).toBe(false);
    delete process.env.CHORUS_FETCH_PRIVATE_HOSTS;
    try {
      for (const url of ["http://127.0.0.1/x", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/latest"]) {
        expect((await domainError(assertPublicHost(url))).fields?.url?.[0], url).toMatch(/private/);
      }
    } finally {
      process.env.CHORUS_FETCH_PRIVATE_HOSTS = "1";
    }
    const { postId } = await makeLivePost({ title: "Already out", url: "https://example.com/already" });
    const advocate = await makeUser();
    const error = await domainError(suggestPost(advocate, suggestInput.parse({ url: "https://example.com/already" })));
    expect(error.code).toBe("conflict");
    expect(error.fields?.url?.[0]).toContain("Already out");
    expect(error.fields?.url?.[0]).toContain(String(postId));
  });

  test("accept → a draft pre-filled from the page, credited to the advocate; the inbox moves it along", async () => {
    const advocate = await makeUser();
    const curator = await makeUser(["advocate", "curator"]);
    const url = `${base}/article-${Date.now()}`;
    const { suggestionId } = await suggestPost(advocate, suggestInput.parse({ url, note: "Great read" }));
    const pending = await listInbox({ page: 1, status: "pending", q: "article", source: "advocates" });
    expect(pending.items.map((item) => item.id)).toContain(suggestionId);
    expect(pending.items.find((item) => item.id === suggestionId)?.suggestedBy).toBe(advocate.name);

    const { postId } = await acceptSuggestion(curator, suggestionId);
    const [post] = await db.select().from(posts).where(eq(posts.id, postId));
    expect(post).toMatchObject({
      title: "Quarterly results are in",
      commentary: "Our best quarter yet.",
      status: "draft",
      authorId: curator.id,
      suggestedById: advocate.id,
    });
    expect(post!.imageUrl).toMatch(/^\/uploads\//);
    expect((await listInbox({ page: 1, status: "pending" })).items.map((i) => i.id)).not.toContain(suggestionId);
    expect((await listInbox({ page: 1, status: "accepted" })).items.map((i) => i.id)).toContain(suggestionId);
    expect((await domainError(acceptSuggestion(curator, suggestionId))).code).toBe("conflict");
    const mine = await listMySuggestions(advocate.id);
    expect(mine).toMatchObject([
      { id: suggestionId, status: "accepted", postId, postTitle: "Quarterly results are in" },
    ]);
  });

  test("decline → the comment is mailed back through the queue, once", async () => {
    const advocate = await makeUser();
    const curator = await makeUser(["advocate", "curator"]);
    const { suggestionId } = await suggestPost(advocate, suggestInput.parse({ url: `${base}/nope-${Date.now()}` }));
    await declineSuggestion(curator, suggestionId, "Off-topic for this quarter");
    expect((await domainError(declineSuggestion(curator, suggestionId, "again"))).code).toBe("conflict");
    const queued = await db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `suggestion-declined:${suggestionId}`));
    expect(queued).toHaveLength(1);
    await runNotifications();
    await runNotifications();
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.to, advocate.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("Off-topic for this quarter");
    const [row] = await db
      .select({ status: suggestions.status, comment: suggestions.comment })
      .from(suggestions)
      .where(and(eq(suggestions.id, suggestionId)));
    expect(row).toEqual({ status: "declined", comment: "Off-topic for this quarter" });
  });

  test("accepted suggestions earn the suggestion points on the leaderboard and the team standings (none by default)", async () => {
    const teamId = await makeTeam();
    const advocate = await makeUser(["advocate"], teamId);
    const curator = await makeUser(["curator"]);
    const { suggestionId } = await suggestPost(advocate, suggestInput.parse({ url: `${base}/points-${Date.now()}` }));
    await acceptSuggestion(curator, suggestionId);
    const { suggestionId: declined } = await suggestPost(
      advocate,
      suggestInput.parse({ url: `${base}/no-${Date.now()}` }),
    );
    await declineSuggestion(curator, declined, "Not this one");
    const board = () => getLeaderboard({ viewerId: advocate.id }).then((result) => result.me?.points ?? null);
    const team = () => getTeamLeaderboard({}).then((rows) => rows.find((row) => row.teamId === teamId)?.points ?? null);
    expect(await board()).toBeNull();
    expect(await team()).toBe(0);
    await withSettings({ pointsSuggestion: 5 }, async () => {
      expect(await board()).toBe(5);
      expect(await team()).toBe(5);
      const today = todayIn((await getSettings()).timeZone);
      const { me } = await getLeaderboard({ viewerId: advocate.id, range: { from: today, to: today } });
      expect(me?.points).toBe(5);
      const lastYear = { from: "2000-01-01", to: "2000-12-31" };
      expect((await getLeaderboard({ viewerId: advocate.id, range: lastYear })).me).toBeNull();
      expect(pointValues({ ...(await getSettings()) })).toContainEqual(
        expect.objectContaining({ what: "Suggested post a curator accepts", points: 5 }),
      );
    });
    expect(await board()).toBeNull();
    expect(await team()).toBe(0);
  });
});
