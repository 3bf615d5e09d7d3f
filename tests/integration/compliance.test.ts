import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { posts, shares } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { complianceInput, updateComplianceSettings } from "@/lib/content/compliance";
import { DomainError } from "@/lib/errors";
import { recordShare } from "@/lib/links";
import { makeLivePost, makeTeam, makeUser, ORIGIN, withSettings } from "@/tests/helpers";

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));

const { POST: sharePost } = await import("@/app/api/share/route");
const { GET: exportGet } = await import("@/app/api/compliance/export/route");

afterEach(() => {
  signedIn.user = null;
});

const RULES = { blockedWords: ["guaranteed", "no risk"], disclosure: "#employee" };

/** A crafted JSON request to the share route, as a script (not the share panel) would send it. */
async function share(body: Record<string, unknown>) {
  const response = await sharePost(
    new Request(`${ORIGIN}/api/share`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    }),
    {},
  );
  return { status: response.status, body: await response.json() };
}

const storedCaptions = async (advocateId: string) =>
  (await db.select({ caption: shares.caption }).from(shares).where(eq(shares.advocateId, advocateId))).map(
    (row) => row.caption,
  );

describe("the share route enforces the compliance rules whatever the client sends", () => {
  test("a caption without the disclosure gets it appended, and the exact caption is stored", async () => {
    const { postId } = await makeLivePost({ commentary: "Read this" });
    signedIn.user = await makeUser();
    await withSettings(RULES, async () => {
      const answer = await share({ postId, network: "linkedin", caption: "My own words" });
      expect(answer.status).toBe(200);
      expect(answer.body.caption).toBe("My own words #employee");
      expect(new URL(answer.body.intentUrl).searchParams.get("text")).toContain("My own words #employee");
      expect(await storedCaptions(signedIn.user!.id)).toEqual(["My own words #employee"]);
    });
  });

  test("no caption: the pre-filled one with hashtags and disclosure is stored", async () => {
    const { postId } = await makeLivePost({ commentary: "Read this", hashtags: ["news"] });
    signedIn.user = await makeUser();
    await withSettings(RULES, async () => {
      expect((await share({ postId, network: "x" })).body.caption).toBe("Read this #news #employee");
    });
  });

  test("blocked words are refused however they are disguised, and nothing is written", async () => {
    const { postId } = await makeLivePost();
    signedIn.user = await makeUser();
    await withSettings(RULES, async () => {
      for (const caption of ["Returns GUARANTEED", "guаranteed (Cyrillic а)", "ｎｏ ｒｉｓｋ here", "#guaranteed"]) {
        const answer = await share({ postId, network: "linkedin", caption });
        expect(answer.status, caption).toBe(400);
        expect(answer.body.error.fields.caption[0]).toMatch(/guaranteed|no risk/);
      }
      expect(await storedCaptions(signedIn.user!.id)).toEqual([]);
    });
  });

  test("a locked caption cannot be changed by an edited request", async () => {
    const { postId } = await makeLivePost({ commentary: "Approved wording", hashtags: ["news"] });
    await db.update(posts).set({ captionLocked: true }).where(eq(posts.id, postId));
    signedIn.user = await makeUser();
    await withSettings(RULES, async () => {
      const refused = await share({ postId, network: "linkedin", caption: "Something else entirely" });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields.caption[0]).toMatch(/locked/);
      const accepted = await share({ postId, network: "linkedin", caption: "Approved wording #news #employee" });
      expect(accepted.status).toBe(200);
      expect(await storedCaptions(signedIn.user!.id)).toEqual(["Approved wording #news #employee"]);
    });
  });

  test("the disclosure counts toward X's limit", async () => {
    const { postId } = await makeLivePost();
    signedIn.user = await makeUser();
    await withSettings(RULES, async () => {
      const answer = await share({ postId, network: "x", caption: "a".repeat(250) });
      expect(answer.status).toBe(400);
    });
  });
});

describe("compliance settings", () => {
  test("a disclosure that uses a blocked word is a field error; a good save is audited", async () => {
    const admin = await makeUser(["advocate", "admin"]);
    const bad = complianceInput.parse({ blockedWords: "promo", disclosure: "#promo" });
    const error = await updateComplianceSettings(admin.id, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields?.disclosure?.[0]).toContain("promo");
    await withSettings({ disclosure: "" }, async () => {
      const good = complianceInput.parse({ blockedWords: "guaranteed\n no  risk \nguaranteed", disclosure: "#ad" });
      expect(good.blockedWords).toEqual(["guaranteed", "no risk"]);
      expect(await updateComplianceSettings(admin.id, good)).toEqual({ changed: true });
    });
  });
});

describe("compliance export", () => {
  test("approvers get who, post, network, caption and when, formula-safe; advocates are refused", async () => {
    const teamId = await makeTeam();
    const { postId } = await makeLivePost({ title: '=HYPERLINK("http://evil")' });
    const advocate = await makeUser(["advocate"], teamId);
    await recordShare(advocate, { postId, network: "linkedin", caption: "=1+1 @SUM(A1)", origin: ORIGIN });
    const other = await makeUser();
    await recordShare(other, { postId, network: "x", caption: "Not in the team", origin: ORIGIN });

    signedIn.user = await makeUser(["advocate"]);
    const refused = await exportGet(new Request(`${ORIGIN}/api/compliance/export`), {});
    expect(refused.status).toBe(403);

    signedIn.user = await makeUser(["advocate", "approver"]);
    const response = await exportGet(
      new Request(`${ORIGIN}/api/compliance/export?period=all&team=${teamId}&post=${postId}`),
      {},
    );
    expect(response.status).toBe(200);
    const csv = (await response.text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("Shared at (UTC),Advocate,Email,Team,Post id,Post,Network,Caption");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(advocate.email);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain("'=1+1 @SUM(A1)");
    expect(lines[1]).toContain("LinkedIn");

    const bad = await exportGet(new Request(`${ORIGIN}/api/compliance/export?post=abc`), {});
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.post).toBeDefined();
  });
});
