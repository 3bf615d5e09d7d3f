import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { subDays } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import {
  campaigns,
  jobs,
  postEvents,
  posts,
  settings,
  shares,
  teams,
  trackedLinks,
  users,
  type Network,
  type Role,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { type PendingClick, writeClicks } from "@/lib/click-writer";
import { ensureHashtags } from "@/lib/hashtags";
import { storeImageBytes } from "@/lib/images";
import { newLinkCode } from "@/lib/link-codes";
import { recordConversionIn } from "@/lib/outcomes/record";
import { conversionFields } from "@/lib/outcomes/rules";
import { quarterAt, setTargets } from "@/lib/outcomes/targets";
import { dateToDay } from "@/lib/periods";
import { createPost, transitionPost } from "@/lib/posts";
import { awardBadges } from "@/lib/recognition/badges";
import { createChallenge } from "@/lib/recognition/challenges";
import { scoreWeek } from "@/lib/recognition/jobs";
import { writeWeeklySnapshot } from "@/lib/recognition/snapshots";
import { recountVisitorMonths } from "@/lib/recognition/visitors";
import { creditReshare } from "@/lib/reshare-credits";
import { addToRollup } from "@/lib/rollups";
import { getSettings } from "@/lib/settings";
import { dayIn } from "@/lib/time";

/**
 * The demo's programme (README "Try it"): forty-odd advocates in five teams who have shared the company's posts
 * for a quarter, their visitors' clicks, colleagues' reshares, the leads and deals that came of them, weekly
 * scores, badges, a running challenge and this quarter's targets. Everything goes through the app's own writers
 * (shares and reshares with their rollups, the click writer, the conversion recorder, the weekly score job's
 * snapshot), so the rollups equal a rebuild from the raw rows. Random choices come from a fixed seed; times are
 * counted back from `now`.
 */

/** Demo users, one per role (documented in the README); e2e/auth.setup.ts signs them in. */
export const DEMO_USERS: { email: string; name: string; roles: Role[]; team: string }[] = [
  { email: "admin@chorus.local", name: "Ada Admin", roles: ["advocate", "admin"], team: "Operations" },
  { email: "curator@chorus.local", name: "Cora Curator", roles: ["advocate", "curator"], team: "Marketing" },
  { email: "approver@chorus.local", name: "Abe Approver", roles: ["advocate", "approver"], team: "Marketing" },
  { email: "leader@chorus.local", name: "Lee Leader", roles: ["advocate", "leader"], team: "Operations" },
  { email: "advocate@chorus.local", name: "Avery Advocate", roles: ["advocate"], team: "Sales" },
  { email: "sam@chorus.local", name: "Sam Seller", roles: ["advocate"], team: "Sales" },
  { email: "eli@chorus.local", name: "Eli Engineer", roles: ["advocate"], team: "Engineering" },
  { email: "noor@chorus.local", name: "Noor Network", roles: ["advocate"], team: "Engineering" },
];

export const DEMO_TEAMS = ["Sales", "Marketing", "Engineering", "Operations", "Support"] as const;

/** Colleagues beyond the role accounts: name and team. They sign in like anyone (allowed domain chorus.local). */
const COLLEAGUES: [string, (typeof DEMO_TEAMS)[number]][] = [
  ["Maya Okafor", "Sales"],
  ["Jonas Berg", "Sales"],
  ["Priya Raman", "Sales"],
  ["Lucas Moreau", "Sales"],
  ["Sofia Almeida", "Sales"],
  ["Tom Becker", "Sales"],
  ["Hana Sato", "Sales"],
  ["Diego Ruiz", "Marketing"],
  ["Emma Lindqvist", "Marketing"],
  ["Kofi Mensah", "Marketing"],
  ["Lea Fischer", "Marketing"],
  ["Omar Haddad", "Marketing"],
  ["Chloé Martin", "Marketing"],
  ["Ravi Kumar", "Engineering"],
  ["Ines Costa", "Engineering"],
  ["Mateo Rossi", "Engineering"],
  ["Aiko Tanaka", "Engineering"],
  ["Ben Carter", "Engineering"],
  ["Zara Ahmed", "Engineering"],
  ["Nils Jensen", "Engineering"],
  ["Grace Kim", "Operations"],
  ["Pedro Santos", "Operations"],
  ["Olivia Brown", "Operations"],
  ["Yusuf Demir", "Operations"],
  ["Anna Nowak", "Operations"],
  ["Liam Walsh", "Support"],
  ["Mia Schneider", "Support"],
  ["Ade Bello", "Support"],
  ["Clara Dubois", "Support"],
  ["Sven Olsen", "Support"],
  ["Lina Haddad", "Support"],
  ["Marco Bianchi", "Support"],
  ["Elif Yilmaz", "Sales"],
  ["Noah Fischer", "Marketing"],
];

type DemoPost = {
  title: string;
  url: string;
  commentary: string;
  tags: string;
  /** A file of scripts/demo-images (without .webp). */
  image: string | null;
  /** Days before now it went live; null: not live (see `state`). */
  daysAgo: number | null;
  state?: "in_review" | "draft";
  campaign?: "cloud" | "talent";
  /** Engineering only. */
  engineering?: boolean;
  /** How much people click it, relative to the others. */
  appeal: number;
};

const POSTS: DemoPost[] = [
  {
    title: "We are hiring engineers in Lisbon",
    url: "https://careers.example.com/lisbon",
    commentary: "Join the team building our cloud platform.",
    tags: "hiring engineering",
    image: "lisbon-hiring",
    daysAgo: 86,
    campaign: "talent",
    appeal: 1.2,
  },
  {
    title: "Our 2026 sustainability report",
    url: "https://www.example.com/sustainability-2026",
    commentary: "Emissions down 30% in a year. Here is how.",
    tags: "sustainability",
    image: "sustainability",
    daysAgo: 79,
    appeal: 0.8,
  },
  {
    title: "Customer story: Northwind cut costs by 40%",
    url: "https://www.example.com/customers/northwind?ref=newsroom",
    commentary: "How Northwind moved its analytics to us.",
    tags: "customers cloud",
    image: "northwind",
    daysAgo: 72,
    campaign: "cloud",
    appeal: 1.1,
  },
  {
    title: "Webinar: data privacy in practice",
    url: "https://events.example.com/webinars/privacy",
    commentary: "Join our DPO live on Thursday.",
    tags: "privacy events",
    image: "privacy-webinar",
    daysAgo: 65,
    appeal: 0.7,
  },
  {
    title: "Product launch: Example Analytics",
    url: "https://www.example.com/launch/analytics",
    commentary: "Dashboards your CFO will actually read.",
    tags: "launch cloud",
    image: "analytics-launch",
    daysAgo: 58,
    campaign: "cloud",
    appeal: 1.6,
  },
  {
    title: "Named a leader in the 2026 report",
    url: "https://news.example.com/leader-2026",
    commentary: "Proud of this team.",
    tags: "news",
    image: "leader-report",
    daysAgo: 51,
    appeal: 1.3,
  },
  {
    title: "Engineering blog: scaling Postgres",
    url: "https://blog.example.com/scaling-postgres",
    commentary: "What we learned at a billion rows.",
    tags: "engineering postgres",
    image: "scaling-postgres",
    daysAgo: 44,
    engineering: true,
    appeal: 1.4,
  },
  {
    title: "Internship programme now open",
    url: "https://careers.example.com/interns",
    commentary: "Know a student who should apply?",
    tags: "hiring",
    image: "internships",
    daysAgo: 37,
    campaign: "talent",
    appeal: 1,
  },
  {
    title: "Meet us at Cloud Summit",
    url: "https://events.example.com/cloud-summit",
    commentary: "Booth 42, all week.",
    tags: "events cloud",
    image: "cloud-summit",
    daysAgo: 30,
    campaign: "cloud",
    appeal: 0.9,
  },
  {
    title: "Customer story: Contoso ships twice as fast",
    url: "https://www.example.com/customers/contoso",
    commentary: "Their release train went from monthly to weekly.",
    tags: "customers cloud",
    image: "contoso",
    daysAgo: 23,
    campaign: "cloud",
    appeal: 1.2,
  },
  {
    title: "Inside our Lisbon office",
    url: "https://careers.example.com/life-in-lisbon",
    commentary: "Sunshine, pastéis de nata and hard problems.",
    tags: "hiring culture",
    image: "lisbon-office",
    daysAgo: 17,
    campaign: "talent",
    appeal: 1.1,
  },
  {
    title: "Our new partner programme",
    url: "https://partners.example.com/programme",
    commentary: "Build on our platform and grow with us.",
    tags: "partners news",
    image: "partners",
    daysAgo: 12,
    appeal: 0.8,
  },
  {
    title: "Security update: our SOC 2 Type II report",
    url: "https://trust.example.com/soc2",
    commentary: "Audited, again, with no exceptions.",
    tags: "security news",
    image: "soc2",
    daysAgo: 7,
    appeal: 0.9,
  },
  {
    title: "Year in review: what our customers built",
    url: "https://www.example.com/2026-in-review",
    commentary: "Twelve months, a hundred launches. Thank you.",
    tags: "customers news",
    image: "year-in-review",
    daysAgo: 3,
    appeal: 1.3,
  },
  {
    title: "Quarterly results",
    url: "https://investors.example.com/q3",
    commentary: "Strong quarter across every region.",
    tags: "news",
    image: "quarterly-results",
    daysAgo: null,
    state: "in_review",
    appeal: 1,
  },
  {
    title: "Webinar: planning 2027 with your data",
    url: "https://events.example.com/webinars/planning-2027",
    commentary: "Budgets, forecasts and the dashboards behind them. Live on the 12th.",
    tags: "events",
    image: "holiday-webinar",
    daysAgo: 42,
    appeal: 0.9,
  },
  {
    title: "Draft: holiday campaign",
    url: "https://www.example.com/drafts/holidays",
    commentary: "",
    tags: "",
    image: null,
    daysAgo: null,
    state: "draft",
    appeal: 1,
  },
  {
    title: "Draft: new office opening",
    url: "https://www.example.com/drafts",
    commentary: "",
    tags: "",
    image: null,
    daysAgo: null,
    state: "draft",
    appeal: 1,
  },
];

/** Where the demo images live in the repository. */
export const DEMO_IMAGE_DIR = path.join(import.meta.dirname, "demo-images");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a small seeded generator, so every seed writes the same programme (relative to its clock). */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** Exponentially distributed with this mean (waiting times). */
    wait: (mean: number) => -Math.log(1 - next()) * mean,
    /** A count around `mean`, skewed like real reach: most shares get a few clicks, a few get many. */
    skewed: (mean: number) => Math.round(mean * Math.exp(next() * 1.6 - 0.95) * (0.5 + next())),
  };
}

/** How keen an advocate is: the chance they share a post, and the reach of their network. */
const PROFILES = {
  champion: { share: 0.85, reach: 2.2, networks: 0.45 },
  regular: { share: 0.5, reach: 1.2, networks: 0.2 },
  occasional: { share: 0.22, reach: 0.8, networks: 0.05 },
  quiet: { share: 0.08, reach: 0.5, networks: 0 },
} as const;
type Profile = keyof typeof PROFILES;

const COUNTRIES = ["PT", "DE", "US", "GB", "FR", "ES", "NL", "US", "GB", "IN", "BR", "SE"];
const REFERRER: Record<Network, string | null> = {
  linkedin: "linkedin.com",
  x: "t.co",
  facebook: "facebook.com",
  email: null,
  copy: null,
};
const NETWORK_REACH: Record<Network, number> = { linkedin: 1, x: 0.7, facebook: 0.6, email: 0.4, copy: 0.5 };

export type DemoSummary = {
  users: number;
  posts: number;
  shares: number;
  clicks: number;
  reshares: number;
  conversions: number;
  weeks: number;
};

/** A visitor's stand-in hash: stable for one (seed, visitor) pair, never anyone's address. */
const visitorHash = (n: number) => createHash("sha256").update(`demo-visitor:${n}`).digest("base64url").slice(0, 22);

/**
 * Writes the demo programme into an empty database; does nothing (returns null) when the demo users exist.
 * Post images are read from `imageDir` and stored like uploads.
 */
export async function seedDemo({
  now = new Date(),
  imageDir = DEMO_IMAGE_DIR,
}: {
  now?: Date;
  imageDir?: string;
} = {}): Promise<DemoSummary | null> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_USERS[0]!.email))
    .limit(1);
  if (existing) return null;
  const random = generator(20261202);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const jobsBefore = await db.select({ id: sql<number>`coalesce(max(${jobs.id}), 0)::int` }).from(jobs);

  // Anyone with a demo address may join as an advocate on first sign-in (allowed domains, docs/product.md#accounts).
  await db.update(settings).set({ allowedDomains: ["chorus.local"] });
  const { timeZone } = await getSettings();
  const teamRows = await db
    .insert(teams)
    .values(DEMO_TEAMS.map((name) => ({ name, createdAt: at(120) })))
    .returning({ id: teams.id, name: teams.name });
  const teamId = (name: string) => teamRows.find((t) => t.name === name)!.id;

  // Everyone joined before the quarter began, but for a few newcomers (they score only from their first week).
  const everyone = [
    ...DEMO_USERS,
    ...COLLEAGUES.map(([name, team]) => ({
      email: `${name
        .toLowerCase()
        .normalize("NFD")
        .replace(/[^a-z ]/g, "")
        .replace(" ", ".")}@chorus.local`,
      name,
      roles: ["advocate"] as Role[],
      team,
    })),
  ];
  const people = await db
    .insert(users)
    .values(
      everyone.map((u, i) => ({
        email: u.email,
        name: u.name,
        roles: u.roles,
        teamId: teamId(u.team),
        emailVerified: at(110),
        hideName: u.name === "Nils Jensen",
        createdAt: i >= everyone.length - 4 ? at(40 - (i % 4) * 5) : at(100 + (i % 20)),
      })),
    )
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      roles: users.roles,
      teamId: users.teamId,
      createdAt: users.createdAt,
    });
  const person = (email: string) => people.find((p) => p.email === email)!;
  const curator = person("curator@chorus.local") as SessionUser;
  const approver = person("approver@chorus.local") as SessionUser;
  const profiles = new Map<string, Profile>(
    people.map((p, i) => {
      // The role accounts are keen (a newcomer signing in sees a busy programme); the rest spread out.
      const profile: Profile =
        i < DEMO_USERS.length
          ? i % 3 === 0
            ? "champion"
            : "regular"
          : (["champion", "regular", "regular", "occasional", "occasional", "quiet", "regular"] as const)[i % 7]!;
      return [p.id, profile];
    }),
  );

  await ensureHashtags([...new Set(POSTS.flatMap((p) => p.tags.split(" ").filter(Boolean)))]);
  // Two campaigns: the cloud posts belong to one, the hiring posts to the other (their slugs are utm_campaign).
  const campaignRows = await db
    .insert(campaigns)
    .values([
      {
        name: "Cloud Summit 2026",
        slug: "cloud-summit-2026",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        clickGoal: 2500,
        createdAt: at(100),
      },
      {
        name: "Talent 2026",
        slug: "talent-2026",
        startsOn: dateToDay(at(90)),
        endsOn: dateToDay(at(-30)),
        clickGoal: 1500,
        createdAt: at(95),
      },
    ])
    .returning({ id: campaigns.id, slug: campaigns.slug });
  const campaignId = { cloud: campaignRows[0]!.id, talent: campaignRows[1]!.id };

  // Posts through the workflow (draft → review → approved), then dated back to when they went live.
  const live: { id: number; post: DemoPost; liveAt: Date }[] = [];
  for (const post of POSTS) {
    const imageUrl = post.image
      ? await storeImageBytes(await readFile(path.join(imageDir, `${post.image}.webp`)))
      : null;
    const { postId } = await createPost(
      curator,
      {
        title: post.title,
        url: post.url,
        commentary: post.commentary,
        hashtags: post.tags.split(" ").filter(Boolean),
        campaignId: post.campaign ? campaignId[post.campaign] : null,
        audience: post.engineering ? "teams" : "all",
        teamIds: post.engineering ? [teamId("Engineering")] : [],
      },
      imageUrl,
    );
    if (post.state === "draft") continue;
    await transitionPost(curator, postId, "submit");
    if (post.state === "in_review" || post.daysAgo === null) continue;
    await transitionPost(approver, postId, "approve");
    const liveAt = at(post.daysAgo);
    const writtenAt = new Date(liveAt.getTime() - 2 * DAY);
    await db
      .update(posts)
      .set({ approvedAt: liveAt, createdAt: writtenAt, updatedAt: liveAt })
      .where(eq(posts.id, postId));
    await db.execute(sql`
      update ${postEvents} set created_at = case when to_status = 'approved' then ${liveAt.toISOString()}::timestamptz
        else ${writtenAt.toISOString()}::timestamptz + (id % 10) * interval '1 hour' end
      where post_id = ${postId}`);
    live.push({ id: postId, post, liveAt });
  }
  // The approval mails and pushes of these posts went out when they went live, long ago.
  await db
    .update(jobs)
    .set({ status: "done", finishedAt: now })
    .where(sql`${jobs.id} > ${jobsBefore[0]?.id ?? 0}`);

  // Shares: who shares what, when, where. Each share is written as the share route writes it (raw row + rollup).
  type ShareRow = { linkId: number; code: string; advocateId: string; postId: number; network: Network; at: Date };
  const shareRows: ShareRow[] = [];
  const advocates = people;
  const joinedBefore = (p: (typeof people)[number], when: Date) => p.createdAt.getTime() < when.getTime();
  await db.transaction(async (tx) => {
    for (const { id: postId, post, liveAt } of live) {
      const sharers = advocates.filter((p) => !post.engineering || p.teamId === teamId("Engineering"));
      // The programme grows over the quarter: later posts find more people sharing.
      const growth = 0.65 + 0.45 * (1 - (post.daysAgo ?? 0) / 90);
      for (const advocate of sharers) {
        const profile = PROFILES[profiles.get(advocate.id)!];
        if (random.next() > profile.share * growth) continue;
        const sharedAt = new Date(Math.min(now.getTime() - HOUR, liveAt.getTime() + HOUR + random.wait(1.4 * DAY)));
        if (!joinedBefore(advocate, sharedAt)) continue;
        const first: Network = random.next() < 0.62 ? "linkedin" : random.next() < 0.65 ? "x" : "facebook";
        const nets: Network[] = [first];
        if (random.next() < profile.networks) nets.push(first === "linkedin" ? "x" : "linkedin");
        for (const [n, network] of nets.entries()) {
          const when = new Date(Math.min(now.getTime() - HOUR, sharedAt.getTime() + n * random.wait(3 * HOUR)));
          shareRows.push(await writeDemoShare(tx, { advocateId: advocate.id, postId, network, at: when }, timeZone));
        }
      }
    }
    // Quiet people still shared once: everyone is on the board.
    for (const advocate of advocates) {
      if (shareRows.some((s) => s.advocateId === advocate.id)) continue;
      const choice = live.filter((l) => !l.post.engineering && joinedBefore(advocate, l.liveAt)).at(-2) ?? live.at(-1)!;
      const when = new Date(Math.min(now.getTime() - HOUR, choice.liveAt.getTime() + random.wait(2 * DAY) + HOUR));
      shareRows.push(
        await writeDemoShare(
          tx,
          { advocateId: advocate.id, postId: choice.id, network: "linkedin", at: when },
          timeZone,
        ),
      );
    }
  });

  // Internal reshares: a colleague shares on from a share that did well, through a child link of their own; the
  // network reports a few more (the reshare webhook's "reported" kind).
  let reshareCount = 0;
  const childShares: ShareRow[] = [];
  await db.transaction(async (tx) => {
    for (const share of shareRows) {
      const advocate = people.find((p) => p.id === share.advocateId)!;
      const reach = PROFILES[profiles.get(advocate.id)!].reach;
      if (random.next() < 0.12 * reach) {
        const colleague = random.pick(people.filter((p) => p.id !== share.advocateId && p.teamId === advocate.teamId));
        const when = new Date(Math.min(now.getTime() - HOUR, share.at.getTime() + random.wait(DAY)));
        const taken = await tx
          .select({ id: trackedLinks.id })
          .from(trackedLinks)
          .where(
            sql`${trackedLinks.advocateId} = ${colleague.id} and ${trackedLinks.postId} = ${share.postId} and ${trackedLinks.network} = ${share.network}`,
          );
        if (!taken.length && joinedBefore(colleague, when)) {
          const [child] = await tx
            .insert(trackedLinks)
            .values({
              code: newLinkCode(),
              advocateId: colleague.id,
              postId: share.postId,
              network: share.network,
              origin: "reshare",
              parentLinkId: share.linkId,
              createdAt: when,
            })
            .returning({ id: trackedLinks.id, code: trackedLinks.code });
          await creditReshare(
            tx,
            { id: share.linkId, advocateId: share.advocateId, postId: share.postId, network: share.network },
            { kind: "internal", childLinkId: child!.id },
            when,
          );
          reshareCount++;
          const row = { ...share, linkId: child!.id, code: child!.code, advocateId: colleague.id, at: when };
          await insertShare(tx, row, timeZone);
          childShares.push(row);
        }
      }
      if (share.network === "linkedin" && random.next() < 0.1 * reach) {
        const when = new Date(Math.min(now.getTime() - HOUR, share.at.getTime() + random.wait(2 * DAY)));
        await creditReshare(
          tx,
          { id: share.linkId, advocateId: share.advocateId, postId: share.postId, network: share.network },
          { kind: "reported", eventId: `demo-reshare-${share.linkId}`, count: random.int(1, 3) },
          when,
        );
        reshareCount++;
      }
    }
  });

  // Visitors' clicks through the click writer (it decides repeats and writes the rollups): mostly in the day or two
  // after a share, a few bots, some visitors who come back.
  const clicks: PendingClick[] = [];
  let visitor = 0;
  for (const share of [...shareRows, ...childShares]) {
    const post = live.find((l) => l.id === share.postId)!.post;
    const reach = PROFILES[profiles.get(share.advocateId)!].reach;
    const n = random.skewed(6 * reach * post.appeal * NETWORK_REACH[share.network]);
    let last: string | null = null;
    for (let c = 0; c < n; c++) {
      const clickedAt = new Date(share.at.getTime() + 60_000 + random.wait(16 * HOUR));
      if (clickedAt.getTime() >= now.getTime()) continue;
      const bot = random.next() < 0.07;
      const again: boolean = !bot && last !== null && random.next() < 0.08;
      const hash: string = again && last ? last : visitorHash(visitor++);
      last = hash;
      clicks.push({
        linkId: share.linkId,
        advocateId: share.advocateId,
        postId: share.postId,
        network: share.network,
        at: again ? new Date(Math.min(now.getTime() - 1000, clickedAt.getTime())) : clickedAt,
        requestReason: bot ? "bot" : null,
        visitorHash: hash,
        previousVisitorHash: hash,
        addressHash: hash,
        previousAddressHash: hash,
        sessionToken: null,
        country: random.pick(COUNTRIES),
        device: bot ? "bot" : random.next() < 0.55 ? "mobile" : random.next() < 0.9 ? "desktop" : "tablet",
        referrerHost: REFERRER[share.network],
      });
    }
  }
  clicks.sort((a, b) => a.at.getTime() - b.at.getTime());
  const written = await writeClicks(clicks);

  // Outcomes: some counted visitors became leads on the company site; a few leads became deals in the CRM.
  let conversionCount = 0;
  const countedByLink = new Map<number, number>();
  for (const click of written)
    if (click.reason === "counted") countedByLink.set(click.linkId, (countedByLink.get(click.linkId) ?? 0) + 1);
  const codeOf = new Map([...shareRows, ...childShares].map((s) => [s.linkId, s]));
  let deal = 0;
  const settingsNow = await getSettings();
  const outcomes: Record<string, unknown>[] = [];
  for (const [linkId, counted] of countedByLink) {
    const share = codeOf.get(linkId)!;
    // About one counted visitor in forty leaves their details; two in five leads become an opportunity.
    const leads = Math.floor(counted / 40) + (random.next() < (counted % 40) / 40 ? 1 : 0);
    for (let l = 0; l < leads; l++) {
      const id = `demo-deal-${++deal}`;
      const leadAt = new Date(share.at.getTime() + random.wait(3 * DAY) + HOUR);
      if (leadAt >= now) continue;
      outcomes.push({ kind: "lead", externalId: id, code: share.code, occurredAt: leadAt });
      if (random.next() > 0.4) continue;
      const oppAt = new Date(leadAt.getTime() + (5 + random.wait(8)) * DAY);
      if (oppAt >= now) continue;
      const amount = String(random.int(8, 60) * 500);
      outcomes.push({ kind: "opportunity", externalId: id, amount, currency: "USD", occurredAt: oppAt });
      if (random.next() > 0.5) continue;
      const wonAt = new Date(oppAt.getTime() + (7 + random.wait(10)) * DAY);
      if (wonAt >= now) continue;
      outcomes.push({ kind: "won", externalId: id, amount, currency: "USD", occurredAt: wonAt });
    }
  }
  // And some leads no link can be credited with: the company's own channels.
  for (let i = 0; i < 12; i++)
    outcomes.push({ kind: "lead", externalId: `demo-direct-${i}`, occurredAt: at(random.int(1, 88)) });
  // As a CSV import of the CRM's events records them: in the order they happened, each checked like any input.
  outcomes.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime());
  await db.transaction(async (tx) => {
    for (const outcome of outcomes)
      await recordConversionIn(tx, conversionFields.parse(outcome), { source: "import", settings: settingsNow, now });
  });
  conversionCount = outcomes.length;

  // The weekly score runs of the quarter, as the weekly job writes them; then visitors per month and the badges.
  const current = scoreWeek(now, timeZone);
  const latest = now >= current.dueAt ? current.week : dateToDay(subDays(new Date(`${current.week}T12:00:00Z`), 7));
  const weeks = Array.from({ length: 13 }, (_, i) => dateToDay(subDays(new Date(`${latest}T12:00:00Z`), (12 - i) * 7)));
  for (const week of weeks) await writeWeeklySnapshot(week);
  await recountVisitorMonths(weeks[0]!);
  await awardBadges();

  // A running challenge for everyone and one for a team; this quarter's targets, company-wide and for Sales.
  const leader = person("leader@chorus.local");
  const today = dayIn(timeZone, now);
  await createChallenge(curator.id, {
    title: "Year-end click drive",
    metric: "counted_clicks",
    goal: 1200,
    teamId: null,
    startsOn: dateToDay(subDays(new Date(`${today}T12:00:00Z`), 9)),
    endsOn: dateToDay(subDays(new Date(`${today}T12:00:00Z`), -12)),
    reward: "Team lunch for the top three",
  });
  await createChallenge(curator.id, {
    title: "Every seller shares this month",
    metric: "participation",
    goal: 10,
    teamId: teamId("Sales"),
    startsOn: dateToDay(subDays(new Date(`${today}T12:00:00Z`), 20)),
    endsOn: dateToDay(subDays(new Date(`${today}T12:00:00Z`), -10)),
    reward: "Coffee with the CEO",
  });
  const quarter = quarterAt(now, timeZone).name;
  await setTargets(leader.id, {
    quarter,
    teamId: null,
    participation: "75",
    counted_clicks: "4000",
    reshares: "60",
    leads: "30",
    revenue: "150000",
    revenueCurrency: "USD",
  });
  await setTargets(leader.id, {
    quarter,
    teamId: teamId("Sales"),
    participation: "90",
    counted_clicks: "1200",
    reshares: null,
    leads: "12",
    revenue: "60000",
    revenueCurrency: "USD",
  });

  return {
    users: people.length,
    posts: POSTS.length,
    shares: shareRows.length + childShares.length,
    clicks: written.length,
    reshares: reshareCount,
    conversions: conversionCount,
    weeks: weeks.length,
  };
}

/** A share as the share route writes it: the advocate's own link (made at the share), the raw row and its rollup. */
async function writeDemoShare(
  tx: Tx,
  share: { advocateId: string; postId: number; network: Network; at: Date },
  timeZone: string,
) {
  const [link] = await tx
    .insert(trackedLinks)
    .values({ code: newLinkCode(), ...share, createdAt: share.at })
    .returning({ id: trackedLinks.id, code: trackedLinks.code });
  const row = { linkId: link!.id, code: link!.code, ...share };
  await insertShare(tx, row, timeZone);
  return row;
}

async function insertShare(
  tx: Tx,
  share: { linkId: number; advocateId: string; postId: number; network: Network; at: Date },
  timeZone: string,
) {
  // One share per link, and nobody here shares ten times a day: every share earns its points.
  await tx.insert(shares).values({
    advocateId: share.advocateId,
    postId: share.postId,
    network: share.network,
    linkId: share.linkId,
    earnsPoints: true,
    createdAt: share.at,
  });
  await addToRollup(
    tx,
    { day: dayIn(timeZone, share.at), advocateId: share.advocateId, postId: share.postId, network: share.network },
    { shares: 1, scoredShares: 1 },
  );
}
