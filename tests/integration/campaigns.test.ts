import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { campaigns, posts, rollupDaily } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import {
  campaignInput,
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
  type CampaignInput,
} from "@/lib/campaigns";
import { writeClicks } from "@/lib/click-writer";
import { getLinkCache } from "@/lib/redirect";
import { makeDraftPost, makeSharedLink, makeUser, pendingClick, expectDomainError } from "@/tests/helpers";

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createCampaignAction, updateCampaignAction } = await import("@/app/(app)/library/campaigns/actions");

const suffix = () => Math.random().toString(36).slice(2, 8);

function input(overrides: Partial<Record<keyof CampaignInput, string>> = {}): CampaignInput {
  return campaignInput.parse({ name: `Campaign ${suffix()}`, slug: `c-${suffix()}`, ...overrides });
}

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

async function inCampaign(campaignId: number) {
  const { postId } = await makeDraftPost();
  await db.update(posts).set({ campaignId, status: "approved" }).where(eq(posts.id, postId));
  return postId;
}

describe("campaign rules", () => {
  test("a campaign is created with its slug, dates and goal", async () => {
    const { id } = await createCampaign(
      input({ name: "Spring launch", slug: "", startsOn: "2026-03-01", endsOn: "2026-05-31", clickGoal: "1000" }),
    );
    const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
    expect(row).toMatchObject({
      name: "Spring launch",
      slug: "spring-launch",
      startsOn: "2026-03-01",
      endsOn: "2026-05-31",
      clickGoal: 1000,
    });
  });

  test("a slug is unique: a second campaign, or an edit, with a taken slug is refused on the slug field", async () => {
    const slug = `taken-${suffix()}`;
    await createCampaign(input({ slug }));
    await expectDomainError(createCampaign(input({ slug })), "conflict", "slug");
    const { id } = await createCampaign(input());
    await expectDomainError(updateCampaign(id, input({ slug })), "conflict", "slug");
    const [row] = await db.select({ slug: campaigns.slug }).from(campaigns).where(eq(campaigns.id, id));
    expect(row!.slug).not.toBe(slug);
    await expectDomainError(updateCampaign(2 ** 31 - 1, input()), "not_found");
  });

  test("a new slug is what tracked links send as utm_campaign", async () => {
    const { id } = await createCampaign(input({ slug: `before-${suffix()}` }));
    const postId = await inCampaign(id);
    const link = await makeSharedLink(undefined, "linkedin", postId);
    const slug = `after-${suffix()}`;
    await updateCampaign(id, input({ slug }));
    const resolved = await getLinkCache().resolve(link.code);
    expect(new URL(resolved!.target).searchParams.get("utm_campaign")).toBe(slug);
  });

  test("progress is the counted clicks of the campaign's posts, from the daily rollup", async () => {
    const { id } = await createCampaign(input({ clickGoal: "10" }));
    const other = await createCampaign(input());
    const [first, second, elsewhere] = [await inCampaign(id), await inCampaign(id), await inCampaign(other.id)];
    const advocate = await makeUser();
    await db.insert(rollupDaily).values([
      {
        day: "2026-04-01",
        advocateId: advocate.id,
        postId: first,
        network: "linkedin",
        clicks: 9,
        countedClicks: 3,
        shares: 1,
      },
      { day: "2026-04-02", advocateId: advocate.id, postId: first, network: "x", clicks: 2, countedClicks: 2 },
      { day: "2026-04-02", advocateId: advocate.id, postId: second, network: "linkedin", clicks: 5, countedClicks: 1 },
      {
        day: "2026-04-02",
        advocateId: advocate.id,
        postId: elsewhere,
        network: "linkedin",
        clicks: 50,
        countedClicks: 50,
      },
    ]);
    const campaign = await getCampaign(id);
    expect(campaign!.progress).toEqual({ countedClicks: 6, clickGoal: 10, percent: 60 });
    expect(campaign!.posts.map((post) => [post.id, post.countedClicks])).toEqual([
      [first, 5],
      [second, 1],
    ]);
    const listed = (await listCampaigns({ page: 1 })).items.find((row) => row.id === id);
    expect(listed).toMatchObject({ posts: 2, countedClicks: 6, progress: { percent: 60 } });
  });

  test("a counted click written by the click writer moves the campaign; a bot's does not", async () => {
    const { id } = await createCampaign(input({ clickGoal: "4" }));
    const postId = await inCampaign(id);
    const link = await makeSharedLink(undefined, "linkedin", postId);
    await writeClicks([pendingClick(link), pendingClick(link, { requestReason: "bot", visitorHash: "bot-visitor" })]);
    expect((await getCampaign(id))!.progress).toEqual({ countedClicks: 1, clickGoal: 4, percent: 25 });
  });
});

describe("campaign actions", () => {
  test("an advocate may not create or edit a campaign, and nothing changes", async () => {
    signedIn.user = await makeUser(["advocate"]);
    const slug = `sneaky-${suffix()}`;
    expect(await createCampaignAction(null, form({ name: "Sneaky", slug }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const { id } = await createCampaign(input());
    expect(await updateCampaignAction(null, form({ campaignId: String(id), name: "Renamed", slug }))).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await db.select().from(campaigns).where(eq(campaigns.slug, slug))).toEqual([]);
  });

  test("a curator gets every bad field back by name, and a taken slug on the slug field", async () => {
    signedIn.user = await makeUser(["advocate", "curator"]);
    const result = await createCampaignAction(
      null,
      form({ name: "", slug: "Bad Slug", startsOn: "2026-05-02", endsOn: "2026-05-01", clickGoal: "-3" }),
    );
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    expect(result.ok ? null : result.fields).toEqual({
      name: ["Give the campaign a name"],
      slug: ["Use lower-case letters, digits and single hyphens, e.g. spring-launch"],
      endsOn: ["The campaign must end after it starts"],
      clickGoal: ["The goal must be at least 1 click"],
    });
    const slug = `dup-${suffix()}`;
    expect(await createCampaignAction(null, form({ name: "First", slug }))).toMatchObject({ ok: true });
    const second = await createCampaignAction(null, form({ name: "Second", slug }));
    expect(second).toMatchObject({
      ok: false,
      code: "conflict",
      fields: { slug: [`“${slug}” is used by another campaign; choose another`] },
    });
  });

  test("HTML in a campaign name is stored as the text typed", async () => {
    signedIn.user = await makeUser(["advocate", "curator"]);
    const result = await createCampaignAction(
      null,
      form({ name: "<img src=x onerror=alert(1)>", slug: `html-${suffix()}` }),
    );
    expect(result.ok).toBe(true);
    const campaign = await getCampaign((result as { campaignId: number }).campaignId);
    expect(campaign!.name).toBe("<img src=x onerror=alert(1)>");
  });
});
