import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import type { ActionResult } from "@/lib/action";
import { createApiToken } from "@/lib/api/tokens";
import type { SessionUser } from "@/lib/auth";
import { ClickWriter } from "@/lib/click-writer";
import { createPost, transitionPost } from "@/lib/posts";
import { handleShortLink, LinkCache } from "@/lib/redirect";
import { signWebhook } from "@/lib/webhooks";
import { makeLivePost, makeSharedLink, makeTeam, makeUser } from "@/tests/helpers";

/*
 * Hostile input at every door: forms (server actions), the JSON API, the public API, the CSV import, the
 * webhook, the embed endpoint and short links. Each case is one real call; each must be refused with a 4xx and
 * a clear error (or a field error for a form), never a 5xx or a throw, and leave every table exactly as it was.
 */

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "chorus.test" }) }));

const library = await import("@/app/(app)/library/actions");
const teamsActions = await import("@/app/(app)/admin/teams/actions");
const usersActions = await import("@/app/(app)/admin/users/actions");
const campaignsActions = await import("@/app/(app)/library/campaigns/actions");
const hashtagsActions = await import("@/app/(app)/library/hashtags/actions");
const tokensActions = await import("@/app/(app)/settings/tokens/actions");
const reviewActions = await import("@/app/(app)/review/actions");
const settingsActions = await import("@/app/(app)/admin/settings/actions");
const integrationsActions = await import("@/app/(app)/admin/integrations/actions");
const feedActions = await import("@/app/(app)/feed/actions");
const postsRoute = await import("@/app/api/posts/route");
const transitionRoute = await import("@/app/api/posts/[id]/[transition]/route");
const shareRoute = await import("@/app/api/share/route");
const reshareRoute = await import("@/app/api/reshare/route");
const adminTeams = await import("@/app/api/admin/teams/route");
const adminInvitations = await import("@/app/api/admin/invitations/route");
const adminUsers = await import("@/app/api/admin/users/route");
const adminUser = await import("@/app/api/admin/users/[id]/route");
const adminIntegrations = await import("@/app/api/admin/integrations/route");
const adminJobs = await import("@/app/api/admin/jobs/route");
const exportRoute = await import("@/app/api/export/[table]/route");
const importRoute = await import("@/app/api/library/import/route");
const previewRoute = await import("@/app/api/library/import/preview/route");
const eventsRoute = await import("@/app/api/events/route");
const embedRoute = await import("@/app/api/embed/links/route");
const v1Posts = await import("@/app/api/v1/posts/route");
const v1Post = await import("@/app/api/v1/posts/[id]/route");
const v1Clicks = await import("@/app/api/v1/me/clicks/route");
const v1Links = await import("@/app/api/v1/me/links/route");
const v1Leaderboard = await import("@/app/api/v1/leaderboard/route");

const SECRET = "hostile-webhook-secret";
const EMBED_ORIGIN = "https://www.hostile-test.example";
const BIG_ID = "2147483648";
const NUL = "\u0000";

type World = {
  boss: SessionUser;
  token: string;
  teamId: number;
  livePostId: number;
  reviewPostId: number;
  code: string;
  linkId: number;
};
let w: World;

beforeAll(async () => {
  process.env.CHORUS_WEBHOOK_SECRET = SECRET;
  process.env.CHORUS_EMBED_ORIGINS = EMBED_ORIGIN;
  const boss = await makeUser(["advocate", "curator", "approver", "leader", "admin"]);
  const teamId = await makeTeam();
  const { postId: livePostId } = await makeLivePost();
  const link = await makeSharedLink();
  const author = await makeUser(["advocate", "curator"]);
  const { postId: reviewPostId } = await createPost(author, {
    title: "Waiting",
    url: "https://example.com/w",
    commentary: "",
    hashtags: [],
  });
  await transitionPost(author, reviewPostId, "submit");
  const { token } = await createApiToken(boss, { name: "hostile", readOnly: false, expiresInDays: "30" });
  w = { boss, token, teamId, livePostId, reviewPostId, code: link.code, linkId: link.id };
  signedIn.user = boss;
  // The token's first use stamps lastUsedAt; done here so that no case below is blamed for it.
  await v1Links.GET(new Request("http://chorus.test/api/v1/me/links", { headers: auth() }), {} as never);
});
afterAll(() => {
  delete process.env.CHORUS_WEBHOOK_SECRET;
  delete process.env.CHORUS_EMBED_ORIGINS;
});

const auth = () => ({ authorization: `Bearer ${w.token}` });

/** Every table's whole content as one hash each: a case that changed any row, anywhere, shows here. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = (await db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { name: string }[] | { rows: { name: string }[] };
  // Less the rate limiter's counters, which every request spends by design, refused or not.
  const names = (Array.isArray(tables) ? tables : tables.rows)
    .map((row) => row.name)
    .filter((n) => n !== "rate_limits");
  const query = names
    // Less the time a token was last used, which any authenticated API call may stamp (once a minute).
    .map(
      (name) =>
        `select '${name}' as name, md5(coalesce(string_agg((to_jsonb(t) - 'last_used_at')::text, '|' order by (to_jsonb(t) - 'last_used_at')::text), '')) as hash from "${name}" t`,
    )
    .join(" union all ");
  const result = (await db.execute(sql.raw(query))) as unknown as
    | { name: string; hash: string }[]
    | { rows: { name: string; hash: string }[] };
  return Object.fromEntries((Array.isArray(result) ? result : result.rows).map((row) => [row.name, row.hash]));
}

type Answer = { http: Response } | { action: ActionResult | { fields?: unknown; error?: string } } | { short: number };
type Case = [name: string, call: () => Promise<Answer>];

// ---- request makers ------------------------------------------------------------------------------------------

const form = (fields: Record<string, string | string[] | File>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) data.append(key, one);
  return data;
};
type Action = (previous: unknown, data: FormData) => Promise<ActionResult<Record<string, unknown>>>;
const act = (run: Action, fields: Record<string, string | string[] | File>) => async (): Promise<Answer> => ({
  action: await run(null, form(fields)),
});
const jsonRequest = (url: string, body: unknown, method = "POST", headers: Record<string, string> = {}) =>
  new Request(`http://chorus.test${url}`, {
    method,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });
type Handler = (request: Request, context: never) => Promise<Response> | Response;
const call =
  (handler: Handler, request: () => Request, params: Record<string, string> = {}) =>
  async () => ({
    http: await handler(request(), { params: Promise.resolve(params) } as never),
  });
const get = (
  handler: Handler,
  url: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
) => call(handler, () => new Request(`http://chorus.test${url}`, { headers }), params);

const post = { title: "Hostile post", url: "https://example.com/hostile" };
const POST_FIELDS: [string, Record<string, string | string[]>][] = [
  ["NUL in the title", { title: `Hostile${NUL}` }],
  ["a bell in the title", { title: "Hostile\u0007" }],
  ["a line break in the title", { title: "Hostile\npost" }],
  ["an escape sequence in the title", { title: "\u001b[2JHostile" }],
  ["a title of 201 characters", { title: "h".repeat(201) }],
  ["an empty title", { title: "   " }],
  ["NUL in the commentary", { commentary: `Read${NUL}this` }],
  ["3,001 characters of commentary", { commentary: "c".repeat(3001) }],
  ["NUL in the LinkedIn text", { commentaryLinkedin: `In${NUL}` }],
  ["DEL in the X text", { commentaryX: "x\u007f" }],
  ["NUL in the Facebook text", { commentaryFacebook: `Fb${NUL}` }],
  ["a javascript: link", { url: "javascript:alert(1)" }],
  ["NUL in the link", { url: `https://example.com/${NUL}` }],
  ["a link of 2,001 characters", { url: `https://example.com/${"a".repeat(2000)}` }],
  ["a data: link", { url: "data:text/html,<script>alert(1)</script>" }],
  ["NUL in the hashtags", { hashtags: `news${NUL}` }],
  ["eleven hashtags", { hashtags: "a b c d e f g h i j k" }],
  ["a hashtag that is not listed", { hashtags: "notlisted" }],
  ["a team id past Postgres' integer", { audience: "teams", teamIds: BIG_ID }],
  ["a negative team id", { audience: "teams", teamIds: "-1" }],
  ["a team id that is a word", { audience: "teams", teamIds: "abc" }],
  ["a team that does not exist", { audience: "teams", teamIds: "2147483647" }],
  ["teams without a team", { audience: "teams" }],
  ["an unknown audience", { audience: "everyone" }],
  ["a campaign id past Postgres' integer", { campaignId: BIG_ID }],
  ["a campaign id with NUL", { campaignId: `1${NUL}` }],
  ["a campaign that does not exist", { campaignId: "2147483647" }],
  ["publish at +275760-09-13", { publishAt: "+275760-09-13T00:00:00.000Z" }],
  ["publish on 30 February", { publishAt: "2026-02-30" }],
  ["publish at hour 24", { publishAt: "2026-03-01T24:00:00Z" }],
  ["publish at a word", { publishAt: "soon" }],
  ["NUL in the publish date", { publishAt: `2026-03-01${NUL}` }],
  ["expiry before publication", { publishAt: "2026-05-02T00:00:00Z", expireAt: "2026-05-01T00:00:00Z" }],
  ["expiry in 1999", { expireAt: "1999-12-31T00:00:00Z" }],
  ["expiry in year 10000", { expireAt: "10000-01-01T00:00:00Z" }],
];

// ---- the cases, door by door ---------------------------------------------------------------------------------

const formCases = (): Case[] => [
  ...POST_FIELDS.map(
    ([name, fields]): Case => [`create post form: ${name}`, act(library.createPostAction, { ...post, ...fields })],
  ),
  [
    "create post form: a text file as the image",
    act(library.createPostAction, {
      ...post,
      image: new File(["<svg onload=alert(1)>"], "x.png", { type: "image/png" }),
    }),
  ],
  ["edit post form: a post id past Postgres' integer", act(library.updatePostAction, { ...post, postId: BIG_ID })],
  ["edit post form: a post id with NUL", act(library.updatePostAction, { ...post, postId: `1${NUL}` })],
  ["edit post form: a post that does not exist", act(library.updatePostAction, { ...post, postId: "2147483647" })],
  ["submit form: a post id that is a word", act(library.submitPostAction, { postId: "abc" })],
  ["team form: NUL in the name", act(teamsActions.createTeamAction, { name: `Team${NUL}` })],
  ["team form: a tab in the name", act(teamsActions.createTeamAction, { name: "Team\tA" })],
  ["team form: an empty name", act(teamsActions.createTeamAction, { name: "" })],
  ["team form: 101 characters", act(teamsActions.createTeamAction, { name: "t".repeat(101) })],
  [
    "rename team form: a team id past Postgres' integer",
    act(teamsActions.renameTeamAction, { teamId: BIG_ID, name: "X" }),
  ],
  ["invite form: NUL in the email", act(usersActions.inviteAction, { email: `a${NUL}@chorus.test` })],
  [
    "invite form: an email of 255 characters",
    act(usersActions.inviteAction, { email: `${"a".repeat(64)}@${"b".repeat(186)}.test` }),
  ],
  ["invite form: not an email", act(usersActions.inviteAction, { email: "not-an-email" })],
  ["invite form: NUL in the name", act(usersActions.inviteAction, { email: "ok@chorus.test", name: `Name${NUL}` })],
  [
    "invite form: a name of 201 characters",
    act(usersActions.inviteAction, { email: "ok@chorus.test", name: "n".repeat(201) }),
  ],
  [
    "invite form: a team id past Postgres' integer",
    act(usersActions.inviteAction, { email: "ok@chorus.test", teamId: BIG_ID }),
  ],
  ["user form: NUL as the user id", act(usersActions.saveUserAction, { userId: NUL, teamId: "" })],
  [
    "user form: a team id past Postgres' integer",
    act(usersActions.saveUserAction, { userId: w.boss.id, teamId: BIG_ID }),
  ],
  ["deactivate form: NUL as the user id", act(usersActions.setActiveAction, { userId: `x${NUL}`, active: "false" })],
  [
    "deactivate form: active is neither true nor false",
    act(usersActions.setActiveAction, { userId: w.boss.id, active: "maybe" }),
  ],
  ["campaign form: NUL in the name", act(campaignsActions.createCampaignAction, { name: `Spring${NUL}` })],
  [
    "campaign form: NUL in the slug",
    act(campaignsActions.createCampaignAction, { name: "Spring", slug: `spring${NUL}` }),
  ],
  [
    "campaign form: starts on 30 February",
    act(campaignsActions.createCampaignAction, { name: "Spring", startsOn: "2026-02-30" }),
  ],
  [
    "campaign form: ends in year 275760",
    act(campaignsActions.createCampaignAction, { name: "Spring", endsOn: "+275760-09-13" }),
  ],
  [
    "campaign form: NUL in the goal",
    act(campaignsActions.createCampaignAction, { name: "Spring", clickGoal: `5${NUL}` }),
  ],
  [
    "campaign form: a goal of 10^12 clicks",
    act(campaignsActions.createCampaignAction, { name: "Spring", clickGoal: "1000000000000" }),
  ],
  ["hashtag form: NUL in the tag", act(hashtagsActions.createHashtagAction, { tag: `cloud${NUL}` })],
  [
    "hashtag form: NUL in the description",
    act(hashtagsActions.createHashtagAction, { tag: "cloud", description: `d${NUL}` }),
  ],
  ["hashtag form: a tag of 51 letters", act(hashtagsActions.createHashtagAction, { tag: "c".repeat(51) })],
  ["token form: NUL in the name", act(tokensActions.createTokenAction, { name: `CI${NUL}` })],
  ["token form: a name of 101 characters", act(tokensActions.createTokenAction, { name: "n".repeat(101) })],
  [
    "token form: an expiry that is not offered",
    act(tokensActions.createTokenAction, { name: "CI", expiresInDays: "100000" }),
  ],
  ["approve form: a post id past Postgres' integer", act(reviewActions.approvePostAction, { postId: BIG_ID })],
  [
    "approve form: NUL in the comment",
    act(reviewActions.approvePostAction, { postId: String(w.reviewPostId), comment: `ok${NUL}` }),
  ],
  [
    "reject form: NUL in the comment",
    act(reviewActions.rejectPostAction, { postId: String(w.reviewPostId), comment: `no${NUL}` }),
  ],
  ["reject form: no comment", act(reviewActions.rejectPostAction, { postId: String(w.reviewPostId), comment: "  " })],
  ["settings form: NUL in the time zone", act(settingsActions.saveSettingsAction, { timeZone: `UTC${NUL}` })],
  ["settings form: negative points", act(settingsActions.saveSettingsAction, { pointsShare: "-1", timeZone: "UTC" })],
  [
    "integrations form: NUL in a domain",
    act(integrationsActions.saveIntegrationsAction, { allowedDomains: `example.com${NUL}`, embedOrigins: "" }),
  ],
  [
    "integrations form: an origin with a path",
    act(integrationsActions.saveIntegrationsAction, { allowedDomains: "", embedOrigins: "https://a.example/path" }),
  ],
  [
    "integrations form: a javascript: webhook",
    act(integrationsActions.saveIntegrationsAction, {
      allowedDomains: "",
      embedOrigins: "",
      slackWebhookUrl: "javascript:alert(1)",
    }),
  ],
  ["copy link form: a post id past Postgres' integer", act(feedActions.copyLink, { postId: BIG_ID, network: "copy" })],
  [
    "copy link form: NUL in the caption",
    act(feedActions.copyLink, { postId: String(w.livePostId), network: "copy", caption: `hi${NUL}` }),
  ],
  [
    "copy link form: an unknown network",
    act(feedActions.copyLink, { postId: String(w.livePostId), network: "myspace" }),
  ],
];

const jsonApiCases = (): Case[] => [
  ...POST_FIELDS.map(
    ([name, fields]): Case => [
      `POST /api/posts: ${name}`,
      call(postsRoute.POST as Handler, () => jsonRequest("/api/posts", { ...post, ...fields })),
    ],
  ),
  [
    "POST /api/posts: a lone surrogate in the title (FormData cannot carry one; JSON can)",
    call(postsRoute.POST as Handler, () => jsonRequest("/api/posts", { ...post, title: "Hostile \ud83d" })),
  ],
  [
    "POST /api/posts: a title that is a number",
    call(postsRoute.POST as Handler, () => jsonRequest("/api/posts", { ...post, title: 5 })),
  ],
  ["POST /api/posts: malformed JSON", call(postsRoute.POST as Handler, () => jsonRequest("/api/posts", '{"title":'))],
  ["POST /api/posts: JSON null", call(postsRoute.POST as Handler, () => jsonRequest("/api/posts", "null"))],
  [
    "POST /api/posts: a body of 1 MB",
    call(postsRoute.POST as Handler, () => jsonRequest("/api/posts", { ...post, commentary: "x".repeat(1 << 20) })),
  ],
  [
    "POST /api/posts/<huge>/approve",
    call(transitionRoute.POST as Handler, () => jsonRequest("/api/posts/x/approve", {}), {
      id: BIG_ID,
      transition: "approve",
    }),
  ],
  [
    "POST /api/posts/%00/approve",
    call(transitionRoute.POST as Handler, () => jsonRequest("/api/posts/x/approve", {}), {
      id: NUL,
      transition: "approve",
    }),
  ],
  [
    "POST /api/posts/1/explode",
    call(transitionRoute.POST as Handler, () => jsonRequest("/api/posts/1/explode", {}), {
      id: "1",
      transition: "explode",
    }),
  ],
  [
    "POST /api/posts/:id/reject with NUL in the comment",
    call(transitionRoute.POST as Handler, () => jsonRequest("/x", { comment: `no${NUL}` }), {
      id: "1",
      transition: "reject",
    }),
  ],
  [
    "POST /api/posts/:id/approve with malformed JSON",
    call(transitionRoute.POST as Handler, () => jsonRequest("/x", "{"), { id: "1", transition: "approve" }),
  ],
  [
    "POST /api/share: a post id past Postgres' integer",
    call(shareRoute.POST as Handler, () => jsonRequest("/api/share", { postId: BIG_ID, network: "linkedin" })),
  ],
  [
    "POST /api/share: an unknown network",
    call(shareRoute.POST as Handler, () => jsonRequest("/api/share", { postId: w.livePostId, network: "myspace" })),
  ],
  [
    "POST /api/share: NUL in the caption",
    call(shareRoute.POST as Handler, () =>
      jsonRequest("/api/share", { postId: w.livePostId, network: "x", caption: NUL }),
    ),
  ],
  [
    "POST /api/share: malformed multipart",
    call(
      shareRoute.POST as Handler,
      () =>
        new Request("http://chorus.test/api/share", {
          method: "POST",
          body: "--a\r\nbroken",
          headers: { "content-type": "multipart/form-data; boundary=b" },
        }),
    ),
  ],
  ["POST /api/share: malformed JSON", call(shareRoute.POST as Handler, () => jsonRequest("/api/share", "{]"))],
  [
    "POST /api/share: NUL in a form's post id",
    call(
      shareRoute.POST as Handler,
      () => new Request("http://chorus.test/api/share", { method: "POST", body: form({ postId: NUL, network: "x" }) }),
    ),
  ],
  [
    "POST /api/reshare: a parent link id past Postgres' integer",
    call(
      reshareRoute.POST as Handler,
      () =>
        new Request("http://chorus.test/api/reshare", {
          method: "POST",
          body: form({ parentLinkId: BIG_ID, network: "x" }),
        }),
    ),
  ],
  [
    "POST /api/reshare: NUL in the caption",
    call(
      reshareRoute.POST as Handler,
      () =>
        new Request("http://chorus.test/api/reshare", {
          method: "POST",
          body: form({ parentLinkId: String(w.linkId), network: "x", caption: NUL }),
        }),
    ),
  ],
  [
    "POST /api/admin/teams: NUL in the name",
    call(adminTeams.POST as Handler, () => jsonRequest("/api/admin/teams", { name: `T${NUL}` })),
  ],
  [
    "POST /api/admin/teams: a carriage return in the name",
    call(adminTeams.POST as Handler, () => jsonRequest("/api/admin/teams", { name: "T\rU" })),
  ],
  [
    "POST /api/admin/teams: a name that is an object",
    call(adminTeams.POST as Handler, () => jsonRequest("/api/admin/teams", { name: { $ne: "" } })),
  ],
  [
    "POST /api/admin/teams: 101 characters",
    call(adminTeams.POST as Handler, () => jsonRequest("/api/admin/teams", { name: "t".repeat(101) })),
  ],
  [
    "POST /api/admin/teams: malformed JSON",
    call(adminTeams.POST as Handler, () => jsonRequest("/api/admin/teams", "{name:1}")),
  ],
  [
    "POST /api/admin/invitations: NUL in the email",
    call(adminInvitations.POST as Handler, () => jsonRequest("/x", { email: `a${NUL}@chorus.test` })),
  ],
  [
    "POST /api/admin/invitations: 255-character email",
    call(adminInvitations.POST as Handler, () =>
      jsonRequest("/x", { email: `${"a".repeat(64)}@${"b".repeat(186)}.test` }),
    ),
  ],
  [
    "POST /api/admin/invitations: NUL in the name",
    call(adminInvitations.POST as Handler, () => jsonRequest("/x", { email: "ok@chorus.test", name: NUL })),
  ],
  [
    "POST /api/admin/invitations: team id past Postgres' integer",
    call(adminInvitations.POST as Handler, () =>
      jsonRequest("/x", { email: "ok@chorus.test", teamId: Number(BIG_ID) }),
    ),
  ],
  [
    "POST /api/admin/invitations: an unknown role",
    call(adminInvitations.POST as Handler, () => jsonRequest("/x", { email: "ok@chorus.test", roles: ["root"] })),
  ],
  [
    "POST /api/admin/invitations: a team that does not exist",
    call(adminInvitations.POST as Handler, () => jsonRequest("/x", { email: "ok@chorus.test", teamId: 2147483647 })),
  ],
  ["GET /api/admin/users?q=%00", get(adminUsers.GET as Handler, "/api/admin/users?q=%00")],
  ["GET /api/admin/users?q=<201 characters>", get(adminUsers.GET as Handler, `/api/admin/users?q=${"q".repeat(201)}`)],
  ["GET /api/admin/users?q=%1B", get(adminUsers.GET as Handler, "/api/admin/users?q=%1B%5B2J")],
  ["GET /api/admin/users?role=root", get(adminUsers.GET as Handler, "/api/admin/users?role=root")],
  ["GET /api/admin/users?status=%00", get(adminUsers.GET as Handler, "/api/admin/users?status=%00")],
  ["GET /api/admin/users?page=0", get(adminUsers.GET as Handler, "/api/admin/users?page=0")],
  ["GET /api/admin/users?page=1e400", get(adminUsers.GET as Handler, "/api/admin/users?page=1e400")],
  [
    "PATCH /api/admin/users/%00",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { active: false }, "PATCH"), { id: NUL }),
  ],
  [
    "PATCH /api/admin/users/<101 characters>",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { active: false }, "PATCH"), { id: "u".repeat(101) }),
  ],
  [
    "PATCH /api/admin/users/<unknown>",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { active: false }, "PATCH"), {
      id: "00000000-0000-4000-8000-000000000000",
    }),
  ],
  [
    "PATCH /api/admin/users/:id teamId past Postgres' integer",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { teamId: Number(BIG_ID) }, "PATCH"), { id: w.boss.id }),
  ],
  [
    "PATCH /api/admin/users/:id active is a string",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { active: "no" }, "PATCH"), { id: w.boss.id }),
  ],
  [
    "PATCH /api/admin/users/:id an unknown field",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { email: "x@y.z" }, "PATCH"), { id: w.boss.id }),
  ],
  [
    "PATCH /api/admin/users/:id deactivating oneself",
    call(adminUser.PATCH as Handler, () => jsonRequest("/x", { active: false }, "PATCH"), { id: w.boss.id }),
  ],
  [
    "PUT /api/admin/integrations: NUL in a domain",
    call(adminIntegrations.PUT as Handler, () =>
      jsonRequest("/x", { allowedDomains: [`a${NUL}.com`], embedOrigins: [] }, "PUT"),
    ),
  ],
  [
    "PUT /api/admin/integrations: a numeric origin",
    call(adminIntegrations.PUT as Handler, () => jsonRequest("/x", { allowedDomains: [], embedOrigins: [5] }, "PUT")),
  ],
  [
    "PUT /api/admin/integrations: NUL in a webhook URL",
    call(adminIntegrations.PUT as Handler, () =>
      jsonRequest(
        "/x",
        { allowedDomains: [], embedOrigins: [], slackWebhookUrl: `https://hooks.example/${NUL}` },
        "PUT",
      ),
    ),
  ],
  [
    "PUT /api/admin/integrations: 51 domains",
    call(adminIntegrations.PUT as Handler, () =>
      jsonRequest(
        "/x",
        { allowedDomains: Array.from({ length: 51 }, (_, i) => `d${i}.example.com`), embedOrigins: [] },
        "PUT",
      ),
    ),
  ],
  ["GET /api/admin/jobs?before=<huge>", get(adminJobs.GET as Handler, `/api/admin/jobs?before=${BIG_ID}`)],
  ["GET /api/admin/jobs?before=%00", get(adminJobs.GET as Handler, "/api/admin/jobs?before=%00")],
  ["GET /api/admin/jobs?status=exploded", get(adminJobs.GET as Handler, "/api/admin/jobs?status=exploded")],
  ["GET /api/admin/jobs?before=1&after=2", get(adminJobs.GET as Handler, "/api/admin/jobs?before=1&after=2")],
  ["GET /api/export/<unknown>", get(exportRoute.GET as Handler, "/api/export/x", { table: `x${NUL}` })],
  [
    "GET /api/export/leaderboard?team=<huge>",
    get(exportRoute.GET as Handler, `/api/export/leaderboard?team=${BIG_ID}`, { table: "leaderboard" }),
  ],
  [
    "GET /api/export/leaderboard?from=2026-02-30",
    get(exportRoute.GET as Handler, "/api/export/leaderboard?period=custom&from=2026-02-30&to=2026-03-01", {
      table: "leaderboard",
    }),
  ],
  [
    "GET /api/export/leaderboard?from=+275760-09-13",
    get(exportRoute.GET as Handler, "/api/export/leaderboard?period=custom&from=%2B275760-09-13&to=2026-03-01", {
      table: "leaderboard",
    }),
  ],
  [
    "GET /api/export/leaderboard?period=%00",
    get(exportRoute.GET as Handler, "/api/export/leaderboard?period=%00", { table: "leaderboard" }),
  ],
];

const publicApiCases = (): Case[] => {
  const v1 = (handler: Handler, body: unknown) =>
    call(handler, () => jsonRequest("/api/v1/posts", body, "POST", auth()));
  return [
    ["POST /api/v1/posts: NUL in the title", v1(v1Posts.POST as Handler, { ...post, title: `T${NUL}` })],
    ["POST /api/v1/posts: NUL in the commentary", v1(v1Posts.POST as Handler, { ...post, commentary: `C${NUL}` })],
    ["POST /api/v1/posts: NUL in the url", v1(v1Posts.POST as Handler, { ...post, url: `https://a.example/${NUL}` })],
    ["POST /api/v1/posts: a hashtag with NUL", v1(v1Posts.POST as Handler, { ...post, hashtags: [`news${NUL}`] })],
    ["POST /api/v1/posts: hashtags as a string", v1(v1Posts.POST as Handler, { ...post, hashtags: "news" })],
    ["POST /api/v1/posts: a title of 201 characters", v1(v1Posts.POST as Handler, { ...post, title: "t".repeat(201) })],
    ["POST /api/v1/posts: malformed JSON", v1(v1Posts.POST as Handler, '{"title"')],
    ["POST /api/v1/posts: an array", v1(v1Posts.POST as Handler, "[]")],
    ["POST /api/v1/posts: a body of 1 MB", v1(v1Posts.POST as Handler, { ...post, title: "x".repeat(1 << 20) })],
    ["POST /api/v1/posts: no token", call(v1Posts.POST as Handler, () => jsonRequest("/api/v1/posts", post))],
    ["GET /api/v1/posts?limit=0", get(v1Posts.GET as Handler, "/api/v1/posts?limit=0", {}, auth())],
    ["GET /api/v1/posts?limit=101", get(v1Posts.GET as Handler, "/api/v1/posts?limit=101", {}, auth())],
    ["GET /api/v1/posts?limit=%00", get(v1Posts.GET as Handler, "/api/v1/posts?limit=%00", {}, auth())],
    ["GET /api/v1/posts?cursor=garbage", get(v1Posts.GET as Handler, "/api/v1/posts?cursor=garbage", {}, auth())],
    ["GET /api/v1/posts?cursor=%00", get(v1Posts.GET as Handler, "/api/v1/posts?cursor=%00", {}, auth())],
    ["GET /api/v1/posts/<huge>", get(v1Post.GET as Handler, "/api/v1/posts/x", { id: BIG_ID }, auth())],
    ["GET /api/v1/posts/%00", get(v1Post.GET as Handler, "/api/v1/posts/x", { id: NUL }, auth())],
    ["GET /api/v1/posts/-1", get(v1Post.GET as Handler, "/api/v1/posts/x", { id: "-1" }, auth())],
    [
      "GET /api/v1/me/clicks?linkId=<huge>",
      get(v1Clicks.GET as Handler, `/api/v1/me/clicks?linkId=${BIG_ID}`, {}, auth()),
    ],
    ["GET /api/v1/me/clicks?linkId=abc", get(v1Clicks.GET as Handler, "/api/v1/me/clicks?linkId=abc", {}, auth())],
    [
      "GET /api/v1/leaderboard?period=forever",
      get(v1Leaderboard.GET as Handler, "/api/v1/leaderboard?period=forever", {}, auth()),
    ],
    [
      "GET /api/v1/leaderboard?from=2026-02-30",
      get(v1Leaderboard.GET as Handler, "/api/v1/leaderboard?period=custom&from=2026-02-30&to=2026-03-02", {}, auth()),
    ],
    [
      "GET /api/v1/leaderboard?from=+275760-09-13",
      get(
        v1Leaderboard.GET as Handler,
        "/api/v1/leaderboard?period=custom&from=%2B275760-09-13&to=2026-03-02",
        {},
        auth(),
      ),
    ],
    [
      "GET /api/v1/leaderboard?teamId=<huge>",
      get(v1Leaderboard.GET as Handler, `/api/v1/leaderboard?teamId=${BIG_ID}`, {}, auth()),
    ],
  ];
};

const csv = (content: string | Uint8Array, type = "text/csv") => {
  const data = new FormData();
  data.set("file", new File([content as BlobPart], "posts.csv", { type }));
  return () => new Request("http://chorus.test/api/library/import", { method: "POST", body: data });
};
const HEADER = "title,url,hashtags,publish_at,expire_at,teams";
const CSV_FILES: [string, () => Request][] = [
  ["a Latin-1 file", csv(Uint8Array.from(Buffer.from(`${HEADER}\nCafé,https://example.com/c,,,,\n`, "latin1")))],
  ["a NUL byte in the file", csv(`${HEADER}\nA${NUL},https://example.com/a,,,,\n`)],
  ["a bell in a title", csv(`${HEADER}\nA\u0007,https://example.com/a,,,,\n`)],
  ["publish_at on 30 February", csv(`${HEADER}\nA,https://example.com/a,,2026-02-30,,\n`)],
  ["publish_at in year 275760", csv(`${HEADER}\nA,https://example.com/a,,+275760-09-13,,\n`)],
  ["expire_at at 25:00", csv(`${HEADER}\nA,https://example.com/a,,,2026-03-01T25:00:00Z,\n`)],
  ["a team that does not exist", csv(`${HEADER}\nA,https://example.com/a,,,,Nobody\n`)],
  ["a javascript: link", csv(`${HEADER}\nA,javascript:alert(1),,,,\n`)],
  ["an unknown column", csv("title,url,password\nA,https://example.com/a,x\n")],
  ["no url column", csv("title\nA\n")],
  ["an empty file", csv("")],
  ["an unclosed quote", csv(`${HEADER}\n"A,https://example.com/a,,,,\n`)],
  ["no file field", () => new Request("http://chorus.test/x", { method: "POST", body: form({ notfile: "x" }) })],
  [
    "malformed multipart",
    () =>
      new Request("http://chorus.test/x", {
        method: "POST",
        body: "garbage",
        headers: { "content-type": "multipart/form-data; boundary=zz" },
      }),
  ],
  ["a file over 5 MB", csv(`${HEADER}\n${"A,https://example.com/a,,,,\n".repeat(200_000)}`)],
];
const importCases = (): Case[] =>
  CSV_FILES.flatMap(([name, request]): Case[] => [
    [
      `CSV preview: ${name}`,
      async () => {
        const response = await (previewRoute.POST as Handler)(request(), {} as never);
        // The dry run answers a file that parses with 200 and every error it found: errors there are the refusal.
        if (!response.ok) return { http: response };
        const preview = (await response.json()) as { errorCount: number; errors: unknown[] };
        return {
          http: Response.json(
            { type: preview.errorCount ? "rejected" : "ok", ...preview },
            { status: preview.errorCount ? 422 : 200 },
          ),
        };
      },
    ],
    [
      `CSV import: ${name}`,
      async () => {
        const response = await (importRoute.POST as Handler)(request(), {} as never);
        // A file that parses is checked row by row in the stream: "rejected" there is the refusal.
        if (!response.ok) return { http: response };
        const last = (await response.text()).trim().split("\n").at(-1)!;
        return {
          http: new Response(last, {
            status: JSON.parse(last).type === "rejected" ? 422 : 200,
            headers: { "content-type": "application/json" },
          }),
        };
      },
    ],
  ]);

const signed =
  (body: string, timestamp = String(Math.floor(Date.now() / 1000))) =>
  () =>
    new Request("http://chorus.test/api/events", {
      method: "POST",
      body,
      headers: { "x-chorus-timestamp": timestamp, "x-chorus-signature": signWebhook(SECRET, timestamp, body) },
    });
const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: `evt-${Math.random()}`, type: "reshare", code: w.code, count: 1, ...fields });
const webhookCases = (): Case[] => [
  ["webhook: NUL in the event id", call(eventsRoute.POST as Handler, signed(event({ id: `evt${NUL}` })))],
  ["webhook: an escape in the event id", call(eventsRoute.POST as Handler, signed(event({ id: "evt\u001b" })))],
  ["webhook: an empty event id", call(eventsRoute.POST as Handler, signed(event({ id: "  " })))],
  ["webhook: an event id of 201 characters", call(eventsRoute.POST as Handler, signed(event({ id: "e".repeat(201) })))],
  ["webhook: a numeric event id", call(eventsRoute.POST as Handler, signed(event({ id: 5 })))],
  ["webhook: NUL in the code", call(eventsRoute.POST as Handler, signed(event({ code: `${w.code}${NUL}` })))],
  ["webhook: an unknown code", call(eventsRoute.POST as Handler, signed(event({ code: "Zz9Zz9Zz" })))],
  ["webhook: a count of 0", call(eventsRoute.POST as Handler, signed(event({ count: 0 })))],
  ["webhook: a count of 10^9", call(eventsRoute.POST as Handler, signed(event({ count: 1e9 })))],
  ["webhook: a count as a string", call(eventsRoute.POST as Handler, signed(event({ count: "3" })))],
  ["webhook: an unknown type", call(eventsRoute.POST as Handler, signed(event({ type: "drop_table" })))],
  ["webhook: malformed JSON", call(eventsRoute.POST as Handler, signed('{"id":'))],
  [
    "webhook: bytes that are not UTF-8",
    call(
      eventsRoute.POST as Handler,
      () =>
        new Request("http://chorus.test/api/events", {
          method: "POST",
          body: Uint8Array.from([0xff, 0xfe, 0x7b]) as BlobPart as Uint8Array<ArrayBuffer>,
          headers: { "x-chorus-timestamp": String(Math.floor(Date.now() / 1000)), "x-chorus-signature": "sha256=00" },
        }),
    ),
  ],
  [
    "webhook: a bad signature",
    call(
      eventsRoute.POST as Handler,
      () =>
        new Request("http://chorus.test/api/events", {
          method: "POST",
          body: event({}),
          headers: { "x-chorus-timestamp": String(Math.floor(Date.now() / 1000)), "x-chorus-signature": "sha256=00" },
        }),
    ),
  ],
  [
    "webhook: a timestamp an hour old",
    call(eventsRoute.POST as Handler, signed(event({}), String(Math.floor(Date.now() / 1000) - 3600))),
  ],
  [
    "webhook: no timestamp",
    call(
      eventsRoute.POST as Handler,
      () => new Request("http://chorus.test/api/events", { method: "POST", body: event({}) }),
    ),
  ],
  ["webhook: a body over 64 KiB", call(eventsRoute.POST as Handler, signed(event({ padding: "p".repeat(70_000) })))],
];

const embed =
  (body: unknown, origin = EMBED_ORIGIN) =>
  () =>
    jsonRequest("/api/embed/links", body, "POST", { origin, "x-chorus-client-ip": "203.0.113.9" });
const embedCases = (): Case[] => [
  ["embed: NUL in the code", call(embedRoute.POST as Handler, embed({ code: `${w.code}${NUL}`, network: "x" }))],
  ["embed: a code with a slash", call(embedRoute.POST as Handler, embed({ code: "../../etc", network: "x" }))],
  ["embed: an unknown code", call(embedRoute.POST as Handler, embed({ code: "Zz9Zz9Zz", network: "x" }))],
  ["embed: an unknown network", call(embedRoute.POST as Handler, embed({ code: w.code, network: "myspace" }))],
  ["embed: NUL in the text", call(embedRoute.POST as Handler, embed({ code: w.code, network: "x", text: `hi${NUL}` }))],
  [
    "embed: a text of 501 characters",
    call(embedRoute.POST as Handler, embed({ code: w.code, network: "x", text: "t".repeat(501) })),
  ],
  ["embed: malformed JSON", call(embedRoute.POST as Handler, embed("{code"))],
  [
    "embed: a body of 100 KiB",
    call(embedRoute.POST as Handler, embed({ code: w.code, network: "x", text: "t".repeat(100_000) })),
  ],
  [
    "embed: an origin that is not allowed",
    call(embedRoute.POST as Handler, embed({ code: w.code, network: "x" }, "https://evil.example")),
  ],
];

/** GET /s/<path> through the handler server.ts uses; the answer's status. */
async function shortLink(path: string): Promise<Answer> {
  const socket = new Socket();
  const req = new IncomingMessage(socket);
  req.method = "GET";
  req.url = path;
  req.headers = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" };
  const res = new ServerResponse(req);
  const writer = new ClickWriter();
  await handleShortLink(req, res, new LinkCache(), writer);
  await writer.drain();
  socket.destroy();
  return { short: res.statusCode };
}
const shortCases = (): Case[] => [
  ["/s/%00", () => shortLink("/s/%00")],
  ["/s/<code>%00", () => shortLink(`/s/${w.code}%00`)],
  ["/s/ with a NUL byte", () => shortLink(`/s/${w.code}${NUL}`)],
  ["/s/..%2f..%2fetc%2fpasswd", () => shortLink("/s/..%2f..%2fetc%2fpasswd")],
  ["/s/<300 characters>", () => shortLink(`/s/${"a".repeat(300)}`)],
  ["/s/%ff%fe", () => shortLink("/s/%ff%fe")],
  ["/s/<unknown code>", () => shortLink("/s/Zz9Zz9Zz")],
];

// ---- the checks ----------------------------------------------------------------------------------------------

async function expectRefused(answer: Answer) {
  if ("action" in answer) {
    const result = answer.action as ActionResult;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.length).toBeGreaterThan(0);
    if (result.code === "invalid") expect(Object.values(result.fields ?? {}).flat().length).toBeGreaterThan(0);
    return;
  }
  if ("short" in answer) {
    expect(answer.short).toBe(404);
    return;
  }
  const response = answer.http;
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as {
    error?: { code?: string; message?: string };
    type?: string;
    errors?: unknown[];
  };
  if (body.type === "rejected") expect(body.errors?.length).toBeGreaterThan(0);
  else {
    expect(typeof body.error?.code).toBe("string");
    expect(body.error?.message?.length).toBeGreaterThan(0);
  }
}

const DOORS: [string, () => Case[]][] = [
  ["forms (server actions)", formCases],
  ["JSON API", jsonApiCases],
  ["public API (tokens)", publicApiCases],
  ["CSV import", importCases],
  ["webhook /api/events", webhookCases],
  ["embed /api/embed/links", embedCases],
  ["short links /s/", shortCases],
];

describe("hostile input is refused with a clear 4xx and changes nothing", () => {
  test("there are at least 150 cases", () => {
    expect(DOORS.reduce((n, [, cases]) => n + cases().length, 0)).toBeGreaterThanOrEqual(150);
  });

  for (const [door, cases] of DOORS) {
    describe(door, () => {
      // Built when the door's tests run, after beforeAll has made the world they point at.
      test("every case", async () => {
        signedIn.user = w.boss;
        const failures: string[] = [];
        for (const [name, run] of cases()) {
          const before = await fingerprint();
          try {
            await expectRefused(await run());
          } catch (error) {
            failures.push(`${name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
            continue;
          }
          const after = await fingerprint();
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length) failures.push(`${name}: changed ${changed.join(", ")}`);
        }
        expect(failures).toEqual([]);
      }, 180_000);
    });
  }
});
