import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "@/db/client";
import { campaigns, postTeams, posts, settings, teams, users, type Network, type Role } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { writeClicks, type PendingClick } from "@/lib/click-writer";
import { recordShare } from "@/lib/links";
import { ensureHashtags } from "@/lib/hashtags";
import { appOrigin } from "@/lib/origin";
import { createPost, transitionPost } from "@/lib/posts";

/** Demo users, one per role (documented in the README). */
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

const POSTS = [
  [
    "We are hiring engineers in Lisbon",
    "https://example.com/careers/lisbon",
    "Join the team building our cloud platform.",
    "hiring engineering",
  ],
  [
    "Our 2026 sustainability report",
    "https://example.com/sustainability-2026",
    "Emissions down 30% in a year. Here is how.",
    "sustainability",
  ],
  [
    "Customer story: Northwind cut costs by 40%",
    "https://example.com/customers/northwind?ref=newsroom",
    "How Northwind moved its analytics to us.",
    "customers cloud",
  ],
  [
    "Webinar: data privacy in practice",
    "https://example.com/webinars/privacy",
    "Join our DPO live on Thursday.",
    "privacy events",
  ],
  [
    "Product launch: Chorus Analytics",
    "https://example.com/launch/analytics",
    "Dashboards your CFO will actually read.",
    "launch cloud",
  ],
  ["Named a leader in the 2026 report", "https://example.com/news/leader-2026", "Proud of this team.", "news"],
  [
    "Engineering blog: scaling Postgres",
    "https://example.com/blog/scaling-postgres",
    "What we learned at a billion rows.",
    "engineering postgres",
  ],
  [
    "Internship programme now open",
    "https://example.com/careers/interns",
    "Know a student who should apply?",
    "hiring",
  ],
  ["Quarterly results", "https://example.com/investors/q3", "Strong quarter across every region.", "news"],
  ["Meet us at Cloud Summit", "https://example.com/events/cloud-summit", "Booth 42, all week.", "events cloud"],
] as const;

async function seed(): Promise<void> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_USERS[0]!.email))
    .limit(1);
  if (existing) {
    console.log("demo data already present");
    return;
  }
  // Anyone with a demo address may join as an advocate on first sign-in (allowed domains, docs/product.md#accounts).
  await db.update(settings).set({ allowedDomains: ["chorus.local"] });
  const teamRows = await db
    .insert(teams)
    .values([...new Set(DEMO_USERS.map((u) => u.team))].map((name) => ({ name })))
    .returning({ id: teams.id, name: teams.name });
  const teamId = (name: string) => teamRows.find((t) => t.name === name)!.id;
  const people = await db
    .insert(users)
    .values(
      DEMO_USERS.map((u) => ({
        email: u.email,
        name: u.name,
        roles: u.roles,
        teamId: teamId(u.team),
        emailVerified: new Date(),
      })),
    )
    .returning({ id: users.id, name: users.name, email: users.email, roles: users.roles, teamId: users.teamId });
  const person = (email: string) => people.find((p) => p.email === email) as SessionUser;
  const curator = person("curator@chorus.local");
  const approver = person("approver@chorus.local");

  await ensureHashtags([
    ...new Set(POSTS.flatMap(([, , , tags]) => tags.split(" ")).concat(["launch", "cloud", "news"])),
  ]);
  // A demo campaign with a click goal: the cloud posts belong to it (its slug is their utm_campaign).
  const [campaign] = await db
    .insert(campaigns)
    .values({
      name: "Cloud Summit 2026",
      slug: "cloud-summit-2026",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      clickGoal: 100,
    })
    .returning({ id: campaigns.id });
  const postIds: number[] = [];
  for (const [title, url, commentary, tags] of POSTS) {
    const campaignId = tags.split(" ").includes("cloud") ? campaign!.id : null;
    const { postId } = await createPost(curator, { title, url, commentary, hashtags: tags.split(" "), campaignId });
    postIds.push(postId);
  }
  // Most posts live; one waiting for review, one draft, one only for Engineering.
  for (const id of postIds.slice(0, 8)) {
    await transitionPost(curator, id, "submit");
    await transitionPost(approver, id, "approve");
  }
  await transitionPost(curator, postIds[8]!, "submit");
  await db.update(posts).set({ audience: "teams" }).where(eq(posts.id, postIds[6]!));
  await db.insert(postTeams).values({ postId: postIds[6]!, teamId: teamId("Engineering") });
  for (const extra of ["Draft: holiday campaign", "Draft: new office opening"]) {
    await createPost(curator, { title: extra, url: "https://example.com/drafts", commentary: "", hashtags: [] });
  }

  const origin = appOrigin();
  const networks: Network[] = ["linkedin", "x", "facebook"];
  const clicks: PendingClick[] = [];
  const advocates = people.filter((p) => p.email !== "advocate@chorus.local");
  let n = 0;
  for (const [i, advocate] of advocates.entries()) {
    for (const postId of postIds.slice(0, 6)) {
      if ((i + postId) % 3 === 0) continue;
      const network = networks[(i + postId) % networks.length]!;
      const share = await recordShare(advocate as SessionUser, { postId, network, origin });
      const [link] = await db.query.trackedLinks.findMany({
        where: (l, { eq }) => eq(l.code, share.code),
        columns: { id: true },
      });
      const count = ((i * 7 + postId * 3) % 9) + 1;
      for (let c = 0; c < count; c++) {
        const at = new Date(Date.now() - (n++ % 240) * 3_600_000);
        const visitor = randomBytes(11).toString("base64url");
        clicks.push({
          linkId: link!.id,
          advocateId: advocate.id,
          postId,
          network,
          at,
          requestReason: c % 5 === 4 ? "bot" : null,
          visitorHash: visitor,
          previousVisitorHash: visitor,
          addressHash: visitor,
          previousAddressHash: visitor,
          sessionToken: null,
          country: ["PT", "DE", "US", "GB"][c % 4]!,
          device: c % 3 ? "desktop" : "mobile",
          referrerHost: network === "x" ? "t.co" : `${network}.com`,
        });
      }
    }
  }
  clicks.sort((a, b) => a.at.getTime() - b.at.getTime());
  await writeClicks(clicks);
  console.log(`seeded ${people.length} users, ${postIds.length + 2} posts, ${clicks.length} clicks`);
}

await migrateDatabase();
await seed();
await closeDatabase();
