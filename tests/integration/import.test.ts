import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { hashtags, postHashtags, posts, postTeams } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { createCampaign } from "@/lib/campaigns";
import { ensureHashtags, setHashtagRetired } from "@/lib/hashtags";
import { formatImportError, IMPORT_MAX_BYTES, importPosts, previewImport, type ImportProgress } from "@/lib/import";
import { getPost, listLibrary } from "@/lib/posts";
import { makeTeam, makeUser } from "@/tests/helpers";

// Routes see the signed-in user through currentUser(); the tests say who that is.
const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
const { POST: previewRoute } = await import("@/app/api/library/import/preview/route");
const { POST: importRoute } = await import("@/app/api/library/import/route");

const HEADER =
  "title,url,commentary,commentary_linkedin,commentary_x,commentary_facebook,hashtags,campaign,teams,publish_at,expire_at";
const suffix = () => Math.random().toString(36).slice(2, 8);

async function postsBy(authorId: string) {
  return db
    .select({
      id: posts.id,
      title: posts.title,
      status: posts.status,
      campaignId: posts.campaignId,
      audience: posts.audience,
      publishAt: posts.publishAt,
      expireAt: posts.expireAt,
      commentaryX: posts.commentaryX,
    })
    .from(posts)
    .where(eq(posts.authorId, authorId))
    .orderBy(posts.id);
}

async function fixtures() {
  const tag = `imp${suffix()}`;
  await ensureHashtags([tag, `${tag}b`]);
  const slug = `launch-${suffix()}`;
  const { id: campaignId } = await createCampaign({
    name: "Launch",
    slug,
    startsOn: null,
    endsOn: null,
    clickGoal: null,
  });
  const teamName = `Sales ${suffix()}`;
  const teamId = await makeTeam(teamName);
  const otherTeamName = `Ops ${suffix()}`;
  const otherTeamId = await makeTeam(otherTeamName);
  const curator = await makeUser(["advocate", "curator"]);
  return { tag, slug, campaignId, teamName, teamId, otherTeamName, otherTeamId, curator };
}

describe("CSV import", () => {
  test("a valid file imports every row as a draft with its hashtags, campaign, teams and window", async () => {
    const f = await fixtures();
    const csv = [
      HEADER,
      `First post,https://example.com/a,Read this,,Short for X,,"#${f.tag.toUpperCase()}, ${f.tag}b",${f.slug},,2026-05-01T09:00:00Z,2026-06-01`,
      `"Second, with a comma",https://example.com/b,"Line one\nline two",LinkedIn text,,FB text,${f.tag},,${f.teamName.toLowerCase()};${f.otherTeamName},,`,
      `Third,https://example.com/c,,,,,,,,,`,
    ].join("\n");
    const result = await importPosts(f.curator, csv);
    expect(result).toEqual({ ok: true, imported: 3 });

    const rows = await postsBy(f.curator.id);
    expect(rows.map((row) => row.title)).toEqual(["First post", "Second, with a comma", "Third"]);
    expect(rows.every((row) => row.status === "draft")).toBe(true);
    expect(rows[0]!.campaignId).toBe(f.campaignId);
    expect(rows[0]!.commentaryX).toBe("Short for X");
    expect(rows[0]!.publishAt?.toISOString()).toBe("2026-05-01T09:00:00.000Z");
    expect(rows[0]!.expireAt?.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(rows[1]!.audience).toBe("teams");
    expect(rows[2]!.audience).toBe("all");

    const tags = await db
      .select({ postId: postHashtags.postId, tag: hashtags.tag })
      .from(postHashtags)
      .innerJoin(hashtags, eq(hashtags.id, postHashtags.hashtagId))
      .where(
        inArray(
          postHashtags.postId,
          rows.map((row) => row.id),
        ),
      );
    expect(
      tags
        .filter((t) => t.postId === rows[0]!.id)
        .map((t) => t.tag)
        .sort(),
    ).toEqual([f.tag, `${f.tag}b`]);
    expect(tags.filter((t) => t.postId === rows[1]!.id).map((t) => t.tag)).toEqual([f.tag]);
    const audience = await db
      .select({ teamId: postTeams.teamId })
      .from(postTeams)
      .where(eq(postTeams.postId, rows[1]!.id))
      .orderBy(postTeams.teamId);
    expect(audience.map((row) => row.teamId)).toEqual([f.teamId, f.otherTeamId].sort((a, b) => a - b));
  });

  test("5,000 rows import in one transaction, with progress reported in batches", async () => {
    const f = await fixtures();
    const lines = [HEADER];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `Bulk post ${i},https://example.com/bulk/${i},Commentary ${i},,,,${f.tag},${i % 2 ? f.slug : ""},${i % 3 ? "" : f.teamName},,`,
      );
    const progress: ImportProgress[] = [];
    const started = performance.now();
    const result = await importPosts(f.curator, lines.join("\n"), (p) => void progress.push(p));
    const ms = performance.now() - started;
    console.log(`5,000-row CSV import took ${(ms / 1000).toFixed(2)} s (${(ms / 5000).toFixed(2)} ms per row)`);
    expect(result).toEqual({ ok: true, imported: 5000 });
    const [n] = await db.select({ n: count() }).from(posts).where(eq(posts.authorId, f.curator.id));
    expect(n!.n).toBe(5000);
    expect(progress[0]).toEqual({ done: 0, total: 5000 });
    expect(progress.at(-1)).toEqual({ done: 5000, total: 5000 });
    expect(progress.length).toBeGreaterThan(10);
  }, 300_000);

  test("a bad row anywhere imports nothing and names its line and field", async () => {
    const f = await fixtures();
    const lines = [HEADER];
    for (let i = 0; i < 300; i++) lines.push(`Row ${i},https://example.com/${i},,,,,${f.tag},,,,`);
    lines.push(`Last,not a link,,,,,${f.tag},,,,`);
    const result = await importPosts(f.curator, lines.join("\n"));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map(formatImportError)).toEqual([
      "Line 302, url: Enter a full http:// or https:// link",
    ]);
    expect(await postsBy(f.curator.id)).toEqual([]);
  });

  test("unknown hashtags, campaigns and teams, and retired hashtags, are refused by line and field", async () => {
    const f = await fixtures();
    await setHashtagRetired(
      (
        await db
          .select({ id: hashtags.id })
          .from(hashtags)
          .where(eq(hashtags.tag, `${f.tag}b`))
      )[0]!.id,
      true,
    );
    const csv = [
      "title,url,hashtags,campaign,teams",
      `Fine,https://example.com/1,${f.tag},${f.slug},${f.teamName}`,
      `Tag,https://example.com/2,${f.tag} nosuchtag${suffix()},,`,
      `Retired,https://example.com/3,${f.tag}b,,`,
      `Campaign,https://example.com/4,,no-such-campaign,`,
      `Team,https://example.com/5,,,${f.teamName};Nobody`,
    ].join("\n");
    const result = await importPosts(f.curator, csv);
    expect(result.ok ? [] : result.errors.map((e) => `${e.line} ${e.field}`)).toEqual([
      "3 hashtags",
      "4 hashtags",
      "5 campaign",
      "6 teams",
    ]);
    expect(result.ok ? [] : result.errors.map(formatImportError)[2]).toBe(
      "Line 5, campaign: No campaign has the slug “no-such-campaign”",
    );
    expect(await postsBy(f.curator.id)).toEqual([]);
  });

  test("a failure part-way through the write rolls every row back", async () => {
    const f = await fixtures();
    const lines = [HEADER];
    for (let i = 0; i < 250; i++) lines.push(`Row ${i},https://example.com/${i},,,,,${f.tag},,,,`);
    const failing = importPosts(f.curator, lines.join("\n"), ({ done }) => {
      if (done >= 200) throw new Error("connection lost");
    });
    await expect(failing).rejects.toThrow("connection lost");
    expect(await postsBy(f.curator.id)).toEqual([]);
  });

  test("the preview writes nothing and shows the first 50 rows, the total and every error", async () => {
    const f = await fixtures();
    const lines = [HEADER];
    for (let i = 0; i < 80; i++)
      lines.push(`Row ${i},https://example.com/${i},,,,,${i === 70 ? "unknowntag" : f.tag},,,,`);
    const preview = await previewImport(lines.join("\n"));
    expect(preview.total).toBe(80);
    expect(preview.rows).toHaveLength(50);
    expect(preview.rows[0]).toMatchObject({ line: 2, title: "Row 0", errors: 0 });
    expect(preview.errors.map(formatImportError)).toEqual([
      "Line 72, hashtags: #unknowntag is not in the hashtag list",
    ]);
    expect(await postsBy(f.curator.id)).toEqual([]);
  });
});

function upload(csv: string | Blob, name = "posts.csv"): Request {
  const form = new FormData();
  form.set("file", typeof csv === "string" ? new File([csv], name, { type: "text/csv" }) : csv, name);
  return new Request("http://chorus.test/api/library/import", { method: "POST", body: form });
}

async function ndjson(response: Response) {
  return (await response.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("import routes", () => {
  test("an advocate is refused both routes and nothing is imported", async () => {
    signedIn.user = await makeUser(["advocate"]);
    const csv = `title,url\nSneaky ${suffix()},https://example.com`;
    for (const route of [previewRoute, importRoute]) {
      const response = await route(upload(csv), {});
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: "forbidden", message: "You are not allowed to do this." },
      });
    }
    expect(await postsBy(signedIn.user.id)).toEqual([]);
  });

  test("no file is a 400 on the file field, one over the size cap a 413", async () => {
    signedIn.user = await makeUser(["advocate", "curator"]);
    const empty = await previewRoute(new Request("http://chorus.test/x", { method: "POST", body: new FormData() }), {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: {
        code: "invalid",
        message: "Choose a CSV file to import.",
        fields: { file: ["Choose a CSV file to import."] },
      },
    });
    const big = await importRoute(upload(new Blob(["title,url\n", "x".repeat(IMPORT_MAX_BYTES)])), {});
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toBe(
      "The file is larger than 5 MB; split it into smaller files.",
    );
  });

  test("the preview answers rows and errors as JSON; the import streams progress, then the result", async () => {
    const f = await fixtures();
    signedIn.user = f.curator;
    const bad = [HEADER, `Good,https://example.com/1,,,,,${f.tag},,,,`, `,https://example.com/2,,,,,${f.tag},,,,`].join(
      "\n",
    );
    const preview = await previewRoute(upload(bad), {});
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({
      total: 2,
      errorCount: 1,
      errors: [{ line: 3, field: "title", text: "Line 3, title: Give the post a title" }],
    });
    const rejected = await importRoute(upload(bad), {});
    expect(rejected.headers.get("content-type")).toContain("application/x-ndjson");
    expect((await ndjson(rejected)).at(-1)).toMatchObject({
      type: "rejected",
      errorCount: 1,
      errors: [{ text: "Line 3, title: Give the post a title" }],
    });
    expect(await postsBy(f.curator.id)).toEqual([]);

    const lines = [HEADER];
    for (let i = 0; i < 250; i++)
      lines.push(`"<script>alert(${i})</script>",https://example.com/${i},,,,,${f.tag},,,,`);
    const lines2 = await ndjson(await importRoute(upload(lines.join("\n")), {}));
    expect(lines2).toEqual([
      { type: "progress", done: 0, total: 250 },
      { type: "progress", done: 100, total: 250 },
      { type: "progress", done: 200, total: 250 },
      { type: "progress", done: 250, total: 250 },
      { type: "done", imported: 250 },
    ]);
    const imported = await postsBy(f.curator.id);
    expect(imported).toHaveLength(250);
    expect(imported[0]!.title).toBe("<script>alert(0)</script>");
  });
});

describe("languages", () => {
  test("a post's language and its variants are imported with it, and the library names what is missing", async () => {
    const curator = await makeUser(["advocate", "curator"]);
    const tag = `lang${suffix()}`;
    await ensureHashtags([tag]);
    const csv = [
      "title,url,hashtags,language,title_fr,commentary_fr,commentary_linkedin_fr,title_es",
      `Imported ${tag},https://example.com/i,${tag},de,Importé,Lisez,Sur LinkedIn,Importado`,
    ].join("\n");
    expect(await importPosts(curator, csv)).toEqual({ ok: true, imported: 1 });
    const [post] = await postsBy(curator.id);
    const saved = await getPost(post!.id);
    expect(saved).toMatchObject({
      language: "de",
      variants: {
        fr: { title: "Importé", commentary: "Lisez", commentaryLinkedin: "Sur LinkedIn", commentaryX: null },
        es: { title: "Importado", commentary: "" },
      },
    });
    const { items } = await listLibrary({ page: 1, q: `Imported ${tag}`, sort: "title" });
    expect(items.map((item) => item.missingLanguages)).toEqual([["en"]]);
  });

  test("a bad language anywhere imports nothing and names its line", async () => {
    const curator = await makeUser(["advocate", "curator"]);
    const tag = `lang${suffix()}`;
    await ensureHashtags([tag]);
    const csv = [
      "title,url,hashtags,language,title_de",
      `Good,https://example.com/g,${tag},,Gut`,
      `Bad,https://example.com/b,${tag},de,Schlecht`,
    ].join("\n");
    const result = await importPosts(curator, csv);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(formatImportError)).toEqual([
      "Line 3, title_de: The post itself is in Deutsch: a variant must be in another language",
    ]);
    expect(await postsBy(curator.id)).toEqual([]);
  });
});
