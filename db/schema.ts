import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const ROLES = ["advocate", "curator", "approver", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const NETWORKS = ["linkedin", "x", "facebook", "email", "copy"] as const;

export const postStatus = pgEnum("post_status", ["draft", "in_review", "approved", "archived"]);
export const audienceKind = pgEnum("audience_kind", ["all", "teams"]);
export const network = pgEnum("network", NETWORKS);
/**
 * share: the advocate's own link; reshare: a colleague's internal reshare; embed: a child link asked for by /embed.js.
 */
export const linkOrigin = pgEnum("link_origin", ["share", "reshare", "embed"]);
/** Why a click was or was not counted (docs/product.md, "How points work"); every click is stored with one. */
export const clickReason = pgEnum("click_reason", ["counted", "bot", "duplicate", "own", "head", "scanner"]);
export const deviceClass = pgEnum("device_class", ["desktop", "mobile", "tablet", "bot", "unknown"]);
export const reshareKind = pgEnum("reshare_kind", ["internal", "embed", "reported"]);

export type Network = (typeof network.enumValues)[number];
export type ClickReason = (typeof clickReason.enumValues)[number];
export type DeviceClass = (typeof deviceClass.enumValues)[number];

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const teams = pgTable("teams", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

// Property names follow Auth.js's drizzle adapter, which reads these tables by them.
export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").notNull().unique(),
    emailVerified: timestamp("email_verified", { withTimezone: true, mode: "date" }),
    image: text("image"),
    roles: text("roles").array().$type<Role[]>().notNull().default(sql`'{advocate}'::text[]`),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    hideName: boolean("hide_name").notNull().default(false),
    /** The person's language for screens, mails and post variants ('en', 'de', 'fr', 'es'); null follows the browser. */
    locale: text("locale"),
    createdAt: createdAt(),
  },
  (t) => [
    index("users_team_idx").on(t.teamId),
    check("users_locale_check", sql`${t.locale} is null or ${t.locale} in ('en', 'de', 'fr', 'es')`),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const campaigns = pgTable("campaigns", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  /** Used as utm_campaign. */
  slug: text("slug").notNull().unique(),
  startsOn: date("starts_on"),
  endsOn: date("ends_on"),
  clickGoal: integer("click_goal"),
  createdAt: createdAt(),
});

export const hashtags = pgTable("hashtags", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  /** Normalised: lower case, no '#'. */
  tag: text("tag").notNull().unique(),
  description: text("description"),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const posts = pgTable(
  "posts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    title: text("title").notNull(),
    url: text("url").notNull(),
    commentary: text("commentary").notNull().default(""),
    commentaryLinkedin: text("commentary_linkedin"),
    commentaryX: text("commentary_x"),
    commentaryFacebook: text("commentary_facebook"),
    /** The post's own language; its variants in others are in post_variants (README "Languages of a post"). */
    language: text("language").notNull().default("en"),
    imageUrl: text("image_url"),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    audience: audienceKind("audience").notNull().default("all"),
    status: postStatus("status").notNull().default("draft"),
    publishAt: timestamp("publish_at", { withTimezone: true }),
    expireAt: timestamp("expire_at", { withTimezone: true }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    approvedById: text("approved_by_id").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /** Compliance: advocates share the caption as written (plus the disclosure); the share route refuses edits. */
    captionLocked: boolean("caption_locked").notNull().default(false),
    /** The advocate whose accepted suggestion this post grew out of, credited as "suggested by". */
    suggestedById: text("suggested_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("posts_status_publish_idx").on(t.status, t.publishAt),
    // The feed, newest first: approved posts in the order they went live, so a page stops after its rows.
    index("posts_feed_idx")
      .on(sql`coalesce(${t.publishAt}, ${t.approvedAt}, ${t.createdAt}) desc`, sql`${t.id} desc`)
      .where(sql`${t.status} = 'approved'`),
    index("posts_campaign_idx").on(t.campaignId),
    check("posts_window_check", sql`${t.expireAt} is null or ${t.publishAt} is null or ${t.expireAt} > ${t.publishAt}`),
    check("posts_language_check", sql`${t.language} in ('en', 'de', 'fr', 'es')`),
  ],
);

/** A post in another language: its title and texts as the advocates of that language see them. */
export const postVariants = pgTable(
  "post_variants",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    language: text("language").notNull(),
    title: text("title").notNull(),
    commentary: text("commentary").notNull().default(""),
    commentaryLinkedin: text("commentary_linkedin"),
    commentaryX: text("commentary_x"),
    commentaryFacebook: text("commentary_facebook"),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.language] }),
    check("post_variants_language_check", sql`${t.language} in ('en', 'de', 'fr', 'es')`),
  ],
);

export const postTeams = pgTable(
  "post_teams",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.teamId] })],
);

export const postHashtags = pgTable(
  "post_hashtags",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    hashtagId: integer("hashtag_id")
      .notNull()
      .references(() => hashtags.id),
  },
  (t) => [primaryKey({ columns: [t.postId, t.hashtagId] }), index("post_hashtags_tag_idx").on(t.hashtagId)],
);

/** The audit trail of a post's workflow (docs/product.md#library). */
export const postEvents = pgTable(
  "post_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    fromStatus: postStatus("from_status"),
    toStatus: postStatus("to_status").notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [index("post_events_post_idx").on(t.postId, t.createdAt)],
);

/** The advocate a row belongs to (required). */
const advocateRef = () =>
  text("advocate_id")
    .notNull()
    .references(() => users.id);

/** The post a row is about (required; the post is never deleted while rows point at it). */
const postRef = () =>
  integer("post_id")
    .notNull()
    .references(() => posts.id);

/** An outcome rollup's key after its day or month: advocate, post and network (null when unattributed), currency. */
const outcomeKeys = () => ({
  advocateId: text("advocate_id").references(() => users.id),
  postId: integer("post_id").references(() => posts.id),
  network: network("network"),
  currency: text("currency").notNull().default(""),
});

export const trackedLinks = pgTable(
  "tracked_links",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull().unique(),
    /** The advocate credited for this link's clicks: for an embed child link, the original advocate. */
    advocateId: advocateRef(),
    postId: postRef(),
    network: network("network").notNull(),
    origin: linkOrigin("origin").notNull().default("share"),
    parentLinkId: integer("parent_link_id"),
    /** For an embed child link: the visitor who asked for it, so one visitor gets one link per day. */
    visitorHash: text("visitor_hash"),
    /**
     * For an embed child link: the asking visitor's network address, hashed with the day's salt. A click from
     * that address never credits the reshare; a counted click from another one does (lib/reshare-credits.ts).
     */
    requesterAddressHash: text("requester_address_hash"),
    createdAt: createdAt(),
  },
  (t) => [
    // One link per (advocate, post, network): sharing again reuses it.
    uniqueIndex("tracked_links_owner_idx").on(t.advocateId, t.postId, t.network).where(sql`${t.origin} <> 'embed'`),
    index("tracked_links_parent_idx").on(t.parentLinkId),
    index("tracked_links_post_idx").on(t.postId),
  ],
);

export const shares = pgTable(
  "shares",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    advocateId: advocateRef(),
    postId: postRef(),
    network: network("network").notNull(),
    linkId: integer("link_id")
      .notNull()
      .references(() => trackedLinks.id),
    /** False when fair play (daily cap, repeat share, Facebook policy) withholds share points. */
    earnsPoints: boolean("earns_points").notNull(),
    /** The exact caption the share opened with (disclosure included), for the compliance record; null before it was kept. */
    caption: text("caption"),
    createdAt: createdAt(),
  },
  // created_at: the activity feed reads the last 30 days of everyone's shares.
  (t) => [index("shares_advocate_idx").on(t.advocateId, t.createdAt), index("shares_created_idx").on(t.createdAt)],
);

export const clicks = pgTable(
  "clicks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    linkId: integer("link_id")
      .notNull()
      .references(() => trackedLinks.id),
    clickedAt: timestamp("clicked_at", { withTimezone: true }).notNull(),
    counted: boolean("counted").notNull(),
    reason: clickReason("reason").notNull(),
    /** Salted hash of IP + user agent; the salt changes every day, so no raw IP is ever kept. */
    visitorHash: text("visitor_hash").notNull(),
    country: text("country"),
    device: deviceClass("device").notNull(),
    referrerHost: text("referrer_host"),
    /** Given when the redirect answers; a click replayed from the journal after it was written is not written twice. */
    clickId: uuid("click_id").unique(),
  },
  (t) => [
    index("clicks_dedupe_idx").on(t.linkId, t.visitorHash, t.clickedAt),
    index("clicks_clicked_at_idx").using("brin", t.clickedAt),
  ],
);

export const reshares = pgTable(
  "reshares",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** The link the reshare grew out of; its advocate is credited. */
    linkId: integer("link_id")
      .notNull()
      .references(() => trackedLinks.id),
    advocateId: advocateRef(),
    kind: reshareKind("kind").notNull(),
    childLinkId: integer("child_link_id").references(() => trackedLinks.id),
    /** Idempotency key of a reported (webhook) reshare. */
    eventId: text("event_id").unique(),
    count: integer("count").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("reshares_link_idx").on(t.linkId),
    // A child link earns its parent's advocate one reshare, however often it is asked for.
    uniqueIndex("reshares_child_idx").on(t.childLinkId),
  ],
);

/** What the click rollups count, the same columns at every grain (day, month, all time). */
const activityCounts = () => ({
  shares: integer("shares").notNull().default(0),
  scoredShares: integer("scored_shares").notNull().default(0),
  clicks: integer("clicks").notNull().default(0),
  countedClicks: integer("counted_clicks").notNull().default(0),
  reshares: integer("reshares").notNull().default(0),
});

/**
 * Daily totals per advocate × post × network, written in the same transaction as each
 * share, counted click and reshare, so leaderboards and dashboards never scan raw clicks.
 */
export const rollupDaily = pgTable(
  "rollup_daily",
  {
    day: date("day").notNull(),
    advocateId: advocateRef(),
    postId: postRef(),
    network: network("network").notNull(),
    ...activityCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.advocateId, t.postId, t.network] }),
    index("rollup_daily_advocate_idx").on(t.advocateId, t.day),
    index("rollup_daily_post_idx").on(t.postId, t.day),
  ],
);

/**
 * All-time totals per advocate × network, kept equal to the sum of rollup_daily by a trigger on it (see the
 * rollup_totals migration), so the all-time leaderboard reads a few rows per advocate instead of every day.
 */
export const rollupTotals = pgTable(
  "rollup_totals",
  {
    advocateId: advocateRef(),
    network: network("network").notNull(),
    ...activityCounts(),
  },
  (t) => [primaryKey({ columns: [t.advocateId, t.network] })],
);

/**
 * rollup_daily summed per calendar month (`month` is its first day), kept equal to it by a trigger on it (see the
 * monthly_rollups migration), so long periods read whole months here and only their partial months by day.
 */
export const rollupMonthly = pgTable(
  "rollup_monthly",
  {
    month: date("month").notNull(),
    advocateId: advocateRef(),
    postId: postRef(),
    network: network("network").notNull(),
    ...activityCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.advocateId, t.postId, t.network] }),
    index("rollup_monthly_advocate_idx").on(t.advocateId, t.month),
    index("rollup_monthly_post_idx").on(t.postId, t.month),
  ],
);

/** One row (id = 1): the admin's settings, point values included. */
export const settings = pgTable(
  "settings",
  {
    id: integer("id").primaryKey().default(1),
    pointsShare: integer("points_share").notNull().default(1),
    pointsShareFacebook: integer("points_share_facebook").notNull().default(0),
    pointsClick: integer("points_click").notNull().default(2),
    pointsReshare: integer("points_reshare").notNull().default(5),
    dailyShareCap: integer("daily_share_cap").notNull().default(10),
    /** External (embed) reshares credited to one parent link per day, however many visitors share it onward. */
    embedReshareDailyCap: integer("embed_reshare_daily_cap").notNull().default(10),
    /** The largest reshare count one reported (webhook) event may carry; a larger one is refused. */
    reportedReshareEventCap: integer("reported_reshare_event_cap").notNull().default(50),
    timeZone: text("time_zone").notNull().default("UTC"),
    costPerClick: numeric("cost_per_click", { precision: 10, scale: 2 }).notNull().default("1.50"),
    allowedDomains: text("allowed_domains").array().notNull().default(sql`'{}'::text[]`),
    embedOrigins: text("embed_origins").array().notNull().default(sql`'{}'::text[]`),
    /** The webhook signing secret, AES-256-GCM encrypted with a key derived from AUTH_SECRET (lib/secrets.ts). */
    webhookSecretEncrypted: text("webhook_secret_encrypted"),
    webhookSecretRotatedAt: timestamp("webhook_secret_rotated_at", { withTimezone: true }),
    /** Incoming-webhook URLs told about newly live posts; SLACK_WEBHOOK_URL / TEAMS_WEBHOOK_URL override them. */
    slackWebhookUrl: text("slack_webhook_url"),
    teamsWebhookUrl: text("teams_webhook_url"),
    /** Outcomes: how long after the first click a conversion is still credited to the link. */
    attributionWindowDays: integer("attribution_window_days").notNull().default(90),
    /** The largest amount a browser-reported conversion may carry (0: none); trusted amounts come from the server. */
    browserAmountCap: numeric("browser_amount_cap", { precision: 20, scale: 4 }).notNull().default("0"),
    /** Admin-defined conversion kinds beside lead, signup, opportunity and won (e.g. demo_booked). */
    conversionKinds: text("conversion_kinds").array().notNull().default(sql`'{}'::text[]`),
    programmeCostPerMonth: numeric("programme_cost_per_month", { precision: 14, scale: 2 }).notNull().default("0"),
    /** The currency of the programme cost and of the cost per click: ROI compares revenue in this currency only. */
    programmeCurrency: text("programme_currency").notNull().default("USD"),
    pointsConversion: integer("points_conversion").notNull().default(0),
    /** Who sees the leaderboard's "Influenced" column: everyone, leaders (leaders and admins) or off. */
    influencedColumn: text("influenced_column").notNull().default("leaders"),
    /** Badges beside names on the leaderboard (README "Influence score, badges and challenges"): off by default. */
    leaderboardBadges: boolean("leaderboard_badges").notNull().default(false),
    /** Compliance: words and phrases refused in any caption (whole words, case-insensitive, after NFKC folding). */
    blockedWords: text("blocked_words").array().notNull().default(sql`'{}'::text[]`),
    /** Compliance: appended by the server to every caption Chorus pre-fills, e.g. "#employee"; empty for none. */
    disclosure: text("disclosure").notNull().default(""),
    /** Mail-scanner address ranges (CIDR): clicks from them are stored as `scanner`, matched before hashing. */
    scannerRanges: text("scanner_ranges").array().notNull().default(sql`'{}'::text[]`),
    /** Points for an advocate's suggestion that a curator accepted (0: none). */
    pointsSuggestion: integer("points_suggestion").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("settings_single_row", sql`${t.id} = 1`)],
);

/** Admin changes: who changed what. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    actorId: text("actor_id").references(() => users.id),
    action: text("action").notNull(),
    target: text("target"),
    details: jsonb("details"),
    createdAt: createdAt(),
  },
  // The trail filtered to one action (e.g. the settings history), newest first, a page at a time.
  (t) => [index("audit_events_action_idx").on(t.action, t.id)],
);

/** Mail written here instead of SMTP when SMTP_URL is not set (development, tests, demo). */
/** A browser's Web Push subscription (one per device a person turned notifications on for). */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("push_subscriptions_user_idx").on(t.userId)],
);

export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_to_idx").on(t.to, t.createdAt)],
);

/**
 * Personal access tokens for the public API (/api/v1). Only the SHA-256 of the token is kept;
 * the token itself is shown once. A token acts with its owner's current roles, or read-only.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Hex SHA-256 of the whole token. */
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, shown in the list so a user can tell tokens apart. */
    prefix: text("prefix").notNull(),
    readOnly: boolean("read_only").notNull().default(false),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId, t.createdAt)],
);

export const jobStatus = pgEnum("job_status", ["queued", "running", "done", "failed"]);

/**
 * The notification queue (docs/architecture.md#jobs): one table on either database, claimed with FOR UPDATE SKIP LOCKED
 * so any number of app servers can work it. `key` is the idempotency key: a job is enqueued, and so sent, once.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    key: text("key").notNull().unique(),
    payload: jsonb("payload").notNull(),
    status: jobStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    /** A running job whose worker died is picked up again after this. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("jobs_due_idx").on(t.status, t.runAt), index("jobs_created_idx").on(t.createdAt)],
);

/**
 * Outcomes on the company's side (README "Outcomes"): one row per (kind, external id), the CRM's opaque id, so a
 * redelivered event is a duplicate, never a second conversion. No personal data of the converting person.
 * `lead`, `opportunity` and `won` events with the same external id are one deal moving along the funnel: the
 * stage columns say which funnel stages this event newly reached (a deal reported `won` first reaches all three).
 */
export const conversions = pgTable(
  "conversions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    externalId: text("external_id").notNull(),
    /** Positive, in `currency`'s units; only opportunity and won carry one. */
    amount: numeric("amount", { precision: 20, scale: 4 }),
    currency: text("currency"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** The link code as reported (kept even when unknown); null when none was sent. */
    code: text("code"),
    /** The link the visitor came through (a child link for a reshare); null when unattributed. */
    linkId: integer("link_id").references(() => trackedLinks.id),
    /** Credited: the advocate at the root of the link's chain, with that root link's post and network. */
    advocateId: text("advocate_id").references(() => users.id),
    postId: integer("post_id").references(() => posts.id),
    network: network("network"),
    /** The colleague whose reshare the visitor came through (internal reshares; embed resharers are anonymous). */
    resharerId: text("resharer_id").references(() => users.id),
    source: text("source").notNull(),
    /** Whether this event started the deal (or is a signup / custom kind): what conversion points count. */
    isNew: boolean("is_new").notNull().default(true),
    reachedLead: boolean("reached_lead").notNull().default(false),
    reachedOpportunity: boolean("reached_opportunity").notNull().default(false),
    reachedWon: boolean("reached_won").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("conversions_kind_external_idx").on(t.kind, t.externalId),
    index("conversions_external_idx").on(t.externalId),
    index("conversions_advocate_idx").on(t.advocateId, t.occurredAt),
  ],
);

/** A redelivered conversion whose amount differed from the stored one: the first amount stands, this is the report. */
export const conversionConflicts = pgTable(
  "conversion_conflicts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    conversionId: integer("conversion_id")
      .notNull()
      .references(() => conversions.id),
    amount: numeric("amount", { precision: 20, scale: 4 }),
    currency: text("currency"),
    source: text("source").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("conversion_conflicts_conversion_idx").on(t.conversionId)],
);

/** What the outcome rollups count, the same columns by day and by month. */
const outcomeCounts = () => ({
  /** New outcomes credited: deals (once, at their first event), signups and admin-defined kinds. */
  conversions: integer("conversions").notNull().default(0),
  leads: integer("leads").notNull().default(0),
  signups: integer("signups").notNull().default(0),
  opportunities: integer("opportunities").notNull().default(0),
  won: integer("won").notNull().default(0),
  /** Opportunity amounts (pipeline) and won amounts (revenue), in `currency`. */
  pipeline: numeric("pipeline", { precision: 24, scale: 4 }).notNull().default("0"),
  revenue: numeric("revenue", { precision: 24, scale: 4 }).notNull().default("0"),
});

/**
 * Conversions per advocate × post × network × day × currency, written in the same transaction as each
 * conversion. Unattributed conversions have null advocate, post and network (hence NULLS NOT DISTINCT); rows
 * without an amount have currency ''. Counts sit on exactly one row per event, so summing over currencies is safe.
 */
export const rollupOutcomes = pgTable(
  "rollup_outcomes",
  {
    day: date("day").notNull(),
    ...outcomeKeys(),
    ...outcomeCounts(),
  },
  (t) => [
    unique("rollup_outcomes_key").on(t.day, t.advocateId, t.postId, t.network, t.currency).nullsNotDistinct(),
    index("rollup_outcomes_advocate_idx").on(t.advocateId, t.day),
    index("rollup_outcomes_day_idx").on(t.day),
  ],
);

/** rollup_outcomes summed per calendar month (`month` is its first day), kept equal to it by a trigger on it. */
export const rollupOutcomesMonthly = pgTable(
  "rollup_outcomes_monthly",
  {
    month: date("month").notNull(),
    ...outcomeKeys(),
    ...outcomeCounts(),
  },
  (t) => [
    unique("rollup_outcomes_monthly_key").on(t.month, t.advocateId, t.postId, t.network, t.currency).nullsNotDistinct(),
    index("rollup_outcomes_monthly_advocate_idx").on(t.advocateId, t.month),
  ],
);

/**
 * The monthly rollups summed once more per single dimension — `dim` is "advocate" or "post" and `key`
 * its value as text ("" for an unattributed conversion's missing one) — kept equal to them by triggers (see the
 * rollup_dimensions migration), so a company-wide breakdown over long periods reads a few rows per post, advocate
 * or network and month instead of every advocate × post × network. `facebook_scored_shares` lets the advocate rows
 * price Facebook shares apart, as the points rules do.
 */
export const rollupByMonth = pgTable(
  "rollup_by_month",
  {
    month: date("month").notNull(),
    dim: text("dim").notNull(),
    key: text("key").notNull(),
    ...activityCounts(),
    facebookScoredShares: integer("facebook_scored_shares").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.dim, t.month, t.key] }),
    // One advocate's (or post's) months: reports filter on the key as read back, nullif(key, '').
    index("rollup_by_month_key_idx").on(t.dim, sql`nullif(${t.key}, '')`, t.month),
  ],
);

/**
 * rollup_daily summed per day and network, kept equal to it by a trigger (the rollup_dimensions migration): a few
 * rows a day, so company-wide totals, reach by network and the activity timeline read any period quickly.
 */
export const rollupByDay = pgTable(
  "rollup_by_day",
  {
    day: date("day").notNull(),
    network: network("network").notNull(),
    ...activityCounts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.network] })],
);

/** rollup_outcomes summed per day, network ("" for unattributed) and currency, the same way. */
export const rollupOutcomesByDay = pgTable(
  "rollup_outcomes_by_day",
  {
    day: date("day").notNull(),
    network: text("network").notNull(),
    currency: text("currency").notNull(),
    ...outcomeCounts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.network, t.currency] })],
);

/** rollup_outcomes_monthly summed per single dimension and currency, the same way as rollup_by_month. */
export const rollupOutcomesByMonth = pgTable(
  "rollup_outcomes_by_month",
  {
    month: date("month").notNull(),
    dim: text("dim").notNull(),
    key: text("key").notNull(),
    currency: text("currency").notNull(),
    ...outcomeCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.dim, t.month, t.key, t.currency] }),
    index("rollup_outcomes_by_month_key_idx").on(t.dim, sql`nullif(${t.key}, '')`, t.month),
  ],
);

export const kpiMetric = pgEnum("kpi_metric", ["participation", "counted_clicks", "reshares", "leads", "revenue"]);

/** Leaders' targets per quarter ("2026-Q4"), company-wide (team null) or per team; revenue per currency. */
export const kpiTargets = pgTable(
  "kpi_targets",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    quarter: text("quarter").notNull(),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    metric: kpiMetric("metric").notNull(),
    /** '' except for revenue. */
    currency: text("currency").notNull().default(""),
    /** Participation as a percentage (0–100); the others as counts or amounts. */
    value: numeric("value", { precision: 24, scale: 4 }).notNull(),
    updatedById: text("updated_by_id").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("kpi_targets_key").on(t.quarter, t.teamId, t.metric, t.currency).nullsNotDistinct()],
);

/** The management report of each ended quarter, kept as sent: its figures and the CSV attached to the mail. */
export const quarterReports = pgTable("quarter_reports", {
  quarter: text("quarter").primaryKey(),
  figures: jsonb("figures").notNull(),
  csv: text("csv").notNull(),
  createdAt: createdAt(),
});

/**
 * The weekly influence score (lib/recognition/score.ts): one row per advocate and week, written once by the
 * weekly job from the rollups of the 13 weeks before `week` (its Monday). The inputs are kept beside the parts,
 * so a past week can be checked against a recompute and My stats can advise from the same numbers.
 */
export const scoreSnapshots = pgTable(
  "score_snapshots",
  {
    week: date("week").notNull(),
    advocateId: advocateRef(),
    score: integer("score").notNull(),
    consistency: doublePrecision("consistency").notNull(),
    reach: doublePrecision("reach").notNull(),
    resonance: doublePrecision("resonance").notNull(),
    amplification: doublePrecision("amplification").notNull(),
    weeksWithShare: integer("weeks_with_share").notNull(),
    shares: integer("shares").notNull(),
    countedClicks: integer("counted_clicks").notNull(),
    reshares: integer("reshares").notNull(),
    conversions: integer("conversions").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.week, t.advocateId] }),
    index("score_snapshots_advocate_idx").on(t.advocateId, t.week),
  ],
);

/**
 * Distinct counted visitors per advocate and month (company time zone), from the clicks' daily visitor hashes,
 * kept by the weekly job so the history outlives the 13-month raw-click retention.
 */
export const visitorMonths = pgTable(
  "visitor_months",
  {
    month: date("month").notNull(),
    advocateId: advocateRef(),
    visitors: integer("visitors").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.advocateId] })],
);

/** A badge is awarded once per advocate (the primary key), dated the day its condition was first met. */
export const badges = pgTable(
  "badges",
  {
    advocateId: advocateRef(),
    badge: text("badge").notNull(),
    awardedOn: date("awarded_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.advocateId, t.badge] })],
);

export const CHALLENGE_METRICS = ["shares", "counted_clicks", "reshares", "participation"] as const;
export type ChallengeMetric = (typeof CHALLENGE_METRICS)[number];
export const challengeMetric = pgEnum("challenge_metric", CHALLENGE_METRICS);

/** A time-boxed goal for everyone or one team; progress is read from the rollups, the result announced once. */
export const challenges = pgTable(
  "challenges",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    title: text("title").notNull(),
    metric: challengeMetric("metric").notNull(),
    goal: integer("goal").notNull(),
    /** Null: everyone. */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    /** Inclusive days in the company time zone. */
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    reward: text("reward").notNull().default(""),
    createdById: text("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("challenges_ends_idx").on(t.endsOn),
    check("challenges_dates_check", sql`${t.endsOn} >= ${t.startsOn}`),
    check("challenges_goal_check", sql`${t.goal} > 0`),
  ],
);

/** RSS 2.0 / Atom feeds whose new items land in the curators' inbox, with the defaults a draft from them gets. */
export const contentSources = pgTable("content_sources", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  name: text("name").notNull(),
  url: text("url").notNull().unique(),
  hashtags: text("hashtags").array().notNull().default(sql`'{}'::text[]`),
  campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
  audience: audienceKind("audience").notNull().default("all"),
  teamIds: integer("team_ids").array().notNull().default(sql`'{}'::int[]`),
  /** Conditional GET: sent back as If-None-Match / If-Modified-Since, so an unchanged feed answers 304. */
  etag: text("etag"),
  lastModified: text("last_modified"),
  nextPollAt: timestamp("next_poll_at", { withTimezone: true }).notNull().defaultNow(),
  lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastError: text("last_error"),
  createdById: text("created_by_id").references(() => users.id),
  createdAt: createdAt(),
});

export const suggestionStatus = pgEnum("suggestion_status", ["pending", "accepted", "declined"]);

/** The curators' inbox: links advocates suggest and new feed items, each accepted into a draft or declined. */
export const suggestions = pgTable(
  "suggestions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    url: text("url").notNull(),
    note: text("note"),
    /** A feed item's own title and summary; an advocate's suggestion has none until it is accepted. */
    title: text("title"),
    summary: text("summary"),
    suggestedById: text("suggested_by_id").references(() => users.id),
    sourceId: integer("source_id").references(() => contentSources.id, { onDelete: "cascade" }),
    /** A feed item's guid, else its link: what makes a second poll skip it. */
    itemKey: text("item_key"),
    status: suggestionStatus("status").notNull().default("pending"),
    decidedById: text("decided_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    comment: text("comment"),
    postId: integer("post_id").references(() => posts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("suggestions_item_idx").on(t.sourceId, t.itemKey),
    index("suggestions_status_idx").on(t.status, t.createdAt),
    index("suggestions_suggested_by_idx").on(t.suggestedById, t.createdAt),
    check("suggestions_origin_check", sql`(${t.suggestedById} is null) <> (${t.sourceId} is null)`),
  ],
);

/**
 * The API's and /embed.js's rate-limit counters, shared by every app server: one row per limiter key (prefix and
 * token or address hash), upserted once per request by rate-limiter-flexible's Drizzle store (lib/rate-limits.ts).
 * Rows expired over an hour ago are deleted by the store every few minutes.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});
