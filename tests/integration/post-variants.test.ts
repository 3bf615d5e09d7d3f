import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { posts, postVariants, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { ensureHashtags } from "@/lib/hashtags";
import { recordShare } from "@/lib/links";
import { type Locale, resolveLocale } from "@/lib/locale";
import { createPost, getPost, listFeed, listLibrary, transitionPost, updatePost } from "@/lib/posts";
import { postInput } from "@/lib/validation";
import { makeUser, ORIGIN } from "@/tests/helpers";

// Actions see the signed-in user through currentUser() and the browser's language through headers().
const request = vi.hoisted(() => ({ user: null as SessionUser | null, acceptLanguage: "" }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => request.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "chorus.test", "accept-language": request.acceptLanguage }),
}));
const library = await import("@/app/(app)/library/actions");
const feed = await import("@/app/(app)/feed/actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const suffix = () => Math.random().toString(36).slice(2, 8);

/** A French variant as sent, and as stored (the per-network texts it leaves out are null). */
const FRENCH_INPUT = { title: "Notre nouveau bureau", commentary: "Venez nous voir", commentaryX: "Court pour X" };
const FRENCH = { ...FRENCH_INPUT, commentaryLinkedin: null, commentaryFacebook: null };

/** A post as the form or the API sends it, parsed by the same schema. */
function input(fields: Record<string, unknown> = {}) {
  return postInput.parse({
    title: `Our new office ${suffix()}`,
    url: "https://example.com/office",
    commentary: "Come and see us",
    commentaryLinkedin: "Come and see us on LinkedIn",
    hashtags: "news",
    ...fields,
  });
}

async function livePost(fields: Record<string, unknown> = {}) {
  await ensureHashtags(["news"]);
  const curator = await makeUser(["advocate", "curator"]);
  const approver = await makeUser(["advocate", "approver"]);
  const post = input(fields);
  const { postId } = await createPost(curator, post);
  await transitionPost(curator, postId, "submit");
  await transitionPost(approver, postId, "approve");
  return { postId, curator, title: post.title };
}

async function advocateReading(locale: Locale | null): Promise<SessionUser> {
  const advocate = await makeUser();
  await db.update(users).set({ locale }).where(eq(users.id, advocate.id));
  // As the session read returns them: the setting rides along with the user.
  return { ...advocate, locale };
}

async function feedItem(advocate: SessionUser, postId: number, acceptLanguage: string | null = null) {
  const language = resolveLocale(advocate.locale, acceptLanguage);
  for (let page = 1; ; page++) {
    const { items } = await listFeed(advocate, { page, order: "newest" }, language);
    if (!items.length) throw new Error(`post ${postId} is not in the feed`);
    const item = items.find((post) => post.id === postId);
    if (item) return item;
  }
}

describe("saving variants", () => {
  test("a post keeps its language and its variants, and an edit replaces them in the same save", async () => {
    await ensureHashtags(["news"]);
    const curator = await makeUser(["advocate", "curator"]);
    const { postId } = await createPost(curator, input({ language: "en", variants: { fr: FRENCH_INPUT } }));
    const saved = await getPost(postId);
    expect(saved?.language).toBe("en");
    expect(saved?.variants).toEqual({ fr: FRENCH });

    const german = { title: "Unser neues Büro", commentary: "", commentaryX: "", commentaryFacebook: "Auf Facebook" };
    await updatePost(curator, postId, input({ language: "es", variants: { de: german } }));
    const edited = await getPost(postId);
    expect(edited?.language).toBe("es");
    expect(edited?.variants).toEqual({
      de: {
        title: "Unser neues Büro",
        commentary: "",
        commentaryLinkedin: null,
        commentaryX: null,
        commentaryFacebook: "Auf Facebook",
      },
    });
  });

  test("deleting a post deletes its variants", async () => {
    await ensureHashtags(["news"]);
    const curator = await makeUser(["advocate", "curator"]);
    const { postId } = await createPost(curator, input({ variants: { fr: FRENCH_INPUT, de: { title: "Büro" } } }));
    expect(await db.$count(postVariants, eq(postVariants.postId, postId))).toBe(2);
    await db.delete(posts).where(eq(posts.id, postId));
    expect(await db.$count(postVariants, eq(postVariants.postId, postId))).toBe(0);
  });
});

describe("refusing bad variants", () => {
  const issues = (fields: Record<string, unknown>) => {
    const parsed = postInput.safeParse({ title: "T", url: "https://example.com/", ...fields });
    return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  };

  test("a variant in the post's own language", () => {
    expect(issues({ language: "fr", variants: { fr: { title: "Titre" } } })).toEqual([
      { path: ["variants", "fr"], message: "The post itself is in Français: a variant must be in another language" },
    ]);
    // English is the default language when none is given.
    expect(issues({ variants: { en: { title: "Title" } } })).toHaveLength(1);
  });

  test("a language Chorus does not speak, for the post or a variant", () => {
    expect(issues({ language: "it" })[0]?.path).toEqual(["language"]);
    expect(issues({ variants: { it: { title: "Titolo" } } })).toEqual([
      { path: ["variants"], message: "Variants are in en, de, fr, es, not it" },
    ]);
  });

  test("a variant's texts follow the post's own rules: a title, the length caps, no control characters", () => {
    expect(issues({ variants: { de: { title: "" } } })).toEqual([
      { path: ["variants", "de", "title"], message: "Give the post a title" },
    ]);
    expect(issues({ variants: { de: { title: "x".repeat(201) } } })[0]?.path).toEqual(["variants", "de", "title"]);
    expect(issues({ variants: { de: { title: "Ok", commentaryX: "x".repeat(300) } } })[0]?.path).toEqual([
      "variants",
      "de",
      "commentaryX",
    ]);
    expect(issues({ variants: { de: { title: "Ok", commentary: "a\u0000b" } } })[0]?.path).toEqual([
      "variants",
      "de",
      "commentary",
    ]);
  });

  test("the database refuses a language outside the four, and a second variant in one language", async () => {
    await ensureHashtags(["news"]);
    const curator = await makeUser(["advocate", "curator"]);
    const { postId } = await createPost(curator, input({ variants: { fr: FRENCH_INPUT } }));
    await expect(db.update(posts).set({ language: "it" }).where(eq(posts.id, postId))).rejects.toThrow();
    await expect(db.insert(postVariants).values({ postId, language: "it", title: "Titolo" })).rejects.toThrow();
    await expect(db.insert(postVariants).values({ postId, language: "fr", title: "Encore" })).rejects.toThrow();
    expect((await getPost(postId))?.variants).toEqual({ fr: FRENCH });
  });
});

describe("the library", () => {
  test("names the languages each post lacks, and can list only the posts lacking one", async () => {
    await ensureHashtags(["news"]);
    const curator = await makeUser(["advocate", "curator"]);
    const tag = suffix();
    const { postId: withFrench } = await createPost(
      curator,
      input({ title: `Lib ${tag} a`, variants: { fr: FRENCH_INPUT } }),
    );
    const { postId: german } = await createPost(
      curator,
      input({ title: `Lib ${tag} b`, language: "de", variants: { es: { title: "Hola" }, en: { title: "Hello" } } }),
    );
    const { items } = await listLibrary({ page: 1, q: `Lib ${tag}`, sort: "title" });
    expect(items.map((post) => [post.id, post.language, post.missingLanguages])).toEqual([
      [withFrench, "en", ["de", "es"]],
      [german, "de", ["fr"]],
    ]);

    const lackingGerman = await listLibrary({ page: 1, q: `Lib ${tag}`, lacking: "de", sort: "title" });
    expect(lackingGerman.items.map((post) => post.id)).toEqual([withFrench]);
    const lackingFrench = await listLibrary({ page: 1, q: `Lib ${tag}`, lacking: "fr", sort: "title" });
    expect(lackingFrench.items.map((post) => post.id)).toEqual([german]);
    const lackingEnglish = await listLibrary({ page: 1, q: `Lib ${tag}`, lacking: "en", sort: "title" });
    expect(lackingEnglish.total).toBe(0);
  });
});

describe("the feed", () => {
  test("a French reader sees the French variant; a German one, with no German variant, the post's own", async () => {
    const { postId, title } = await livePost({ variants: { fr: FRENCH_INPUT } });
    const french = await feedItem(await advocateReading("fr"), postId);
    expect(french).toMatchObject({
      title: FRENCH.title,
      commentary: FRENCH.commentary,
      commentaryX: FRENCH.commentaryX,
      // The variant has no LinkedIn text of its own: its commentary, never the English LinkedIn text.
      commentaryLinkedin: null,
      language: "fr",
    });
    const german = await feedItem(await advocateReading("de"), postId);
    expect(german).toMatchObject({
      title,
      commentary: "Come and see us",
      commentaryLinkedin: "Come and see us on LinkedIn",
      language: "en",
    });
  });

  test("a person without a setting reads in their browser's language; their setting wins over it", async () => {
    const { postId, title } = await livePost({ variants: { fr: FRENCH_INPUT } });
    const browsing = await advocateReading(null);
    expect((await feedItem(browsing, postId, "fr-FR,fr;q=0.9")).title).toBe(FRENCH.title);
    expect((await feedItem(browsing, postId, "en-US")).title).toBe(title);
    expect((await feedItem(await advocateReading("en"), postId, "fr-FR")).title).toBe(title);
  });

  test("a share in French opens with the French caption and title", async () => {
    const { postId } = await livePost({ variants: { fr: FRENCH_INPUT } });
    const advocate = await advocateReading("fr");
    const onX = await recordShare(advocate, {
      postId,
      network: "x",
      origin: ORIGIN,
      language: resolveLocale(advocate.locale, null),
    });
    expect(onX.caption).toBe("Court pour X #news");
    const onLinkedin = await recordShare(advocate, { postId, network: "linkedin", origin: ORIGIN, language: "fr" });
    expect(onLinkedin.caption).toBe("Venez nous voir #news");
    const onEmail = await recordShare(advocate, { postId, network: "email", origin: ORIGIN, language: "fr" });
    expect(decodeURIComponent(onEmail.intentUrl ?? "")).toContain(FRENCH.title);
  });
});

describe("the forms", () => {
  test("the post form sends variants as variants.<language>.<field>; an error comes back on that field", async () => {
    await ensureHashtags(["news"]);
    request.user = await makeUser(["advocate", "curator"]);
    const title = `Form ${suffix()}`;
    const fields = { title, url: "https://example.com/form", commentary: "Hello", hashtags: "news", language: "en" };
    const refused = await library.createPostAction(
      null,
      form({ ...fields, "variants.fr.title": " ", "variants.fr.commentary": "Bonjour" }),
    );
    expect(refused).toMatchObject({ ok: false, fields: { "variants.fr.title": ["Give the post a title"] } });
    expect(await listLibrary({ page: 1, q: title, sort: "title" })).toMatchObject({ total: 0 });

    const own = await library.createPostAction(null, form({ ...fields, language: "fr", "variants.fr.title": "Titre" }));
    expect(own).toMatchObject({
      ok: false,
      fields: { "variants.fr": ["The post itself is in Français: a variant must be in another language"] },
    });

    const saved = await library.createPostAction(
      null,
      form({
        ...fields,
        "variants.fr.title": "Titre",
        "variants.fr.commentary": "Bonjour",
        "variants.fr.commentaryX": "",
      }),
    );
    expect(saved.ok).toBe(true);
    const postId = saved.ok ? saved.postId : 0;
    expect((await getPost(postId))?.variants).toEqual({
      fr: {
        title: "Titre",
        commentary: "Bonjour",
        commentaryLinkedin: null,
        commentaryX: null,
        commentaryFacebook: null,
      },
    });

    // An edit without the French fieldset removes the variant.
    const edited = await library.updatePostAction(null, form({ ...fields, postId: String(postId) }));
    expect(edited.ok).toBe(true);
    expect((await getPost(postId))?.variants).toEqual({});
  });

  test("copying from the feed records the caption in the browser's language", async () => {
    const { postId } = await livePost({ variants: { fr: FRENCH_INPUT } });
    request.user = await advocateReading(null);
    request.acceptLanguage = "fr-CH, fr;q=0.9, en;q=0.5";
    const copied = await feed.copyLink(null, form({ postId: String(postId), network: "copy" }));
    expect(copied).toMatchObject({ ok: true, caption: "Venez nous voir #news" });
    request.acceptLanguage = "de-DE";
    const inGerman = await feed.copyLink(null, form({ postId: String(postId), network: "copy" }));
    expect(inGerman).toMatchObject({ ok: true, caption: "Come and see us #news" });
  });
});
