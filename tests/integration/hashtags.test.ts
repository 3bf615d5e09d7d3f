import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { hashtags } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { createHashtag, hashtagInput, listHashtags, setHashtagRetired, updateHashtag } from "@/lib/hashtags";
import { createPost, getPost, updatePost } from "@/lib/posts";
import { makeUser, expectDomainError } from "@/tests/helpers";

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createHashtagAction, retireHashtagAction, updateHashtagAction } = await import(
  "@/app/(app)/library/hashtags/actions"
);

const suffix = () => Math.random().toString(36).slice(2, 8);

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

async function curator() {
  return makeUser(["advocate", "curator"]);
}

describe("hashtag rules", () => {
  test("a hashtag is stored normalised: #Cloud, cloud and CLOUD are one tag, so the second is refused", async () => {
    const tag = `Cloud${suffix()}`;
    const { id } = await createHashtag(hashtagInput.parse({ tag: `#${tag}`, description: "Our platform" }));
    const [row] = await db
      .select({ tag: hashtags.tag, description: hashtags.description })
      .from(hashtags)
      .where(eq(hashtags.id, id));
    expect(row).toEqual({ tag: tag.toLowerCase(), description: "Our platform" });
    for (const spelling of [tag.toLowerCase(), tag.toUpperCase(), `##${tag}`, `  #${tag}  `]) {
      const error = await expectDomainError(createHashtag(hashtagInput.parse({ tag: spelling })), "conflict");
      expect(error.fields?.tag).toEqual([`#${tag.toLowerCase()} is already in the list`]);
    }
    expect(await db.select().from(hashtags).where(eq(hashtags.tag, tag.toLowerCase()))).toHaveLength(1);
  });

  test("only letters, digits and _ are allowed", () => {
    for (const bad of ["", "#", "two words", "dash-ed", "<script>", "a".repeat(51)]) {
      expect(hashtagInput.safeParse({ tag: bad }).success, bad).toBe(false);
    }
    expect(hashtagInput.parse({ tag: "#Café_2026" }).tag).toBe("café_2026");
  });

  test("renaming keeps the tag on its posts; a rename onto another tag is refused", async () => {
    const author = await curator();
    const [from, to, taken] = [`old${suffix()}`, `new${suffix()}`, `taken${suffix()}`];
    const { id } = await createHashtag({ tag: from });
    await createHashtag({ tag: taken });
    const { postId } = await createPost(author, {
      title: "Tagged",
      url: "https://example.com",
      commentary: "",
      hashtags: [from],
    });
    await updateHashtag(id, { tag: to, description: "Renamed" });
    expect((await getPost(postId))!.hashtags).toEqual([to]);
    const error = await expectDomainError(updateHashtag(id, { tag: taken, description: null }), "conflict");
    expect(error.fields?.tag).toEqual([`#${taken} is already in the list`]);
    expect((await getPost(postId))!.hashtags).toEqual([to]);
    await expectDomainError(updateHashtag(2 ** 31 - 1, { tag: `x${suffix()}`, description: null }), "not_found");
  });

  test("a retired tag stays on old posts (and survives their edits) but cannot be added to new ones; restoring allows it again", async () => {
    const author = await curator();
    const tag = `retire${suffix()}`;
    const { id } = await createHashtag({ tag });
    const { postId } = await createPost(author, {
      title: "Before",
      url: "https://example.com",
      commentary: "",
      hashtags: [tag],
    });
    await setHashtagRetired(id, true);
    expect((await getPost(postId))!.hashtags).toEqual([tag]);
    await updatePost(author, postId, { title: "Edited", url: "https://example.com", commentary: "", hashtags: [tag] });
    expect((await getPost(postId))!.hashtags).toEqual([tag]);
    const error = await expectDomainError(
      createPost(author, { title: "After", url: "https://example.com", commentary: "", hashtags: [tag] }),
      "invalid",
    );
    expect(error.fields?.hashtags).toEqual([`Retired: #${tag}`]);
    await setHashtagRetired(id, false);
    await createPost(author, { title: "Restored", url: "https://example.com", commentary: "", hashtags: [tag] });
  });

  test("usage counts how many posts carry each tag; retired tags are listed last", async () => {
    const author = await curator();
    const [busy, idle, retired] = [`busy${suffix()}`, `idle${suffix()}`, `aaretired${suffix()}`];
    for (const tag of [busy, idle, retired]) await createHashtag({ tag });
    for (const title of ["One", "Two", "Three"])
      await createPost(author, { title, url: "https://example.com", commentary: "", hashtags: [busy, retired] });
    const [retiredRow] = await db.select({ id: hashtags.id }).from(hashtags).where(eq(hashtags.tag, retired));
    await setHashtagRetired(retiredRow!.id, true);
    const { items: list } = await listHashtags({ page: 1 });
    const usage = Object.fromEntries(list.map((row) => [row.tag, row.usage]));
    expect([usage[busy], usage[idle], usage[retired]]).toEqual([3, 0, 3]);
    expect(list.at(-1)!.retiredAt).not.toBeNull();
    expect(list.findIndex((row) => row.tag === retired)).toBeGreaterThan(list.findIndex((row) => row.tag === idle));
  });
});

describe("hashtag actions", () => {
  test("an advocate may not add, rename or retire hashtags, and nothing changes", async () => {
    const tag = `guard${suffix()}`;
    const { id } = await createHashtag({ tag });
    signedIn.user = await makeUser(["advocate"]);
    expect(await createHashtagAction(null, form({ tag: `new${suffix()}` }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await updateHashtagAction(null, form({ hashtagId: String(id), tag: `renamed${suffix()}` }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await retireHashtagAction(null, form({ hashtagId: String(id), retired: "1" }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const [row] = await db
      .select({ tag: hashtags.tag, retiredAt: hashtags.retiredAt })
      .from(hashtags)
      .where(eq(hashtags.id, id));
    expect(row).toEqual({ tag, retiredAt: null });
  });

  test("a curator's bad input comes back on the field it belongs to", async () => {
    signedIn.user = await curator();
    expect(await createHashtagAction(null, form({ tag: "not ok!", description: "x".repeat(201) }))).toMatchObject({
      ok: false,
      code: "invalid",
      fields: {
        tag: ["Hashtags use letters, digits and _ only (at most 50)"],
        description: ["The description is at most 200 characters"],
      },
    });
    const tag = `dup${suffix()}`;
    expect(await createHashtagAction(null, form({ tag: `#${tag.toUpperCase()}` }))).toEqual({ ok: true, tag });
    expect(await createHashtagAction(null, form({ tag }))).toMatchObject({
      ok: false,
      code: "conflict",
      fields: { tag: [`#${tag} is already in the list`] },
    });
  });

  test("a curator renames, describes, retires and restores through the actions", async () => {
    signedIn.user = await curator();
    const { id } = await createHashtag({ tag: `act${suffix()}` });
    const renamed = `renamed${suffix()}`;
    expect(
      await updateHashtagAction(
        null,
        form({ hashtagId: String(id), tag: `#${renamed}`, description: "<b>not bold</b>" }),
      ),
    ).toEqual({ ok: true, tag: renamed });
    expect(await retireHashtagAction(null, form({ hashtagId: String(id), retired: "1" }))).toEqual({
      ok: true,
      retired: true,
    });
    let [row] = await db
      .select({ tag: hashtags.tag, description: hashtags.description, retiredAt: hashtags.retiredAt })
      .from(hashtags)
      .where(eq(hashtags.id, id));
    expect(row).toMatchObject({ tag: renamed, description: "<b>not bold</b>" });
    expect(row!.retiredAt).toBeInstanceOf(Date);
    expect(await retireHashtagAction(null, form({ hashtagId: String(id), retired: "0" }))).toEqual({
      ok: true,
      retired: false,
    });
    [row] = await db
      .select({ tag: hashtags.tag, description: hashtags.description, retiredAt: hashtags.retiredAt })
      .from(hashtags)
      .where(eq(hashtags.id, id));
    expect(row!.retiredAt).toBeNull();
  });
});
