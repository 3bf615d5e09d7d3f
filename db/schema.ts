import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const ROLES = ["advocate", "curator", "approver", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const NETWORKS = ["linkedin", "x", "facebook", "email", "copy"] as const;
export type Network = (typeof NETWORKS)[number];

export const postStatus = pgEnum("post_status", ["draft", "in_review", "approved", "archived"]);
export const audienceKind = pgEnum("audience_kind", ["all", "teams"]);
export const network = pgEnum("network", NETWORKS);
/** share: the advocate's own link; reshare: a colleague's internal reshare; embed: a child link asked for by /embed.js. */
export const linkOrigin = pgEnum("link_origin", ["share", "reshare", "embed"]);
/** Why a click was or was not counted (SPEC §5); every click is stored with one. */
export const clickReason = pgEnum("click_reason", ["counted", "bot", "duplicate", "own", "head", "scanner"]);
export const deviceClass = pgEnum("device_class", ["desktop", "mobile", "tablet", "bot", "unknown"]);
export const reshareKind = pgEnum("reshare_kind", ["internal", "embed", "reported"]);

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
    createdAt: createdAt(),
  },
  (t) => [index("users_team_idx").on(t.teamId)],
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
    index("posts_campaign_idx").on(t.campaignId),
    check("posts_window_check", sql`${t.expireAt} is null or ${t.publishAt} is null or ${t.expireAt} > ${t.publishAt}`),
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

/** The audit trail of a post's workflow (SPEC §3). */
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

export const trackedLinks = pgTable(
  "tracked_links",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: text("code").notNull().unique(),
    /** The advocate credited for this link's clicks: for an embed child link, the original advocate. */
    advocateId: text("advocate_id")
      .notNull()
      .references(() => users.id),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    network: network("network").notNull(),
    origin: linkOrigin("origin").notNull().default("share"),
    parentLinkId: integer("parent_link_id"),
    /** For an embed child link: the visitor who asked for it, so one visitor gets one link per day. */
    visitorHash: text("visitor_hash"),
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
    advocateId: text("advocate_id")
      .notNull()
      .references(() => users.id),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
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
    advocateId: text("advocate_id")
      .notNull()
      .references(() => users.id),
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

/**
 * Daily totals per advocate × post × network, written in the same transaction as each
 * share, counted click and reshare, so leaderboards and dashboards never scan raw clicks.
 */
export const rollupDaily = pgTable(
  "rollup_daily",
  {
    day: date("day").notNull(),
    advocateId: text("advocate_id")
      .notNull()
      .references(() => users.id),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    network: network("network").notNull(),
    shares: integer("shares").notNull().default(0),
    scoredShares: integer("scored_shares").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    countedClicks: integer("counted_clicks").notNull().default(0),
    reshares: integer("reshares").notNull().default(0),
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
    advocateId: text("advocate_id")
      .notNull()
      .references(() => users.id),
    network: network("network").notNull(),
    shares: integer("shares").notNull().default(0),
    scoredShares: integer("scored_shares").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    countedClicks: integer("counted_clicks").notNull().default(0),
    reshares: integer("reshares").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.advocateId, t.network] })],
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

/** Admin changes (SPEC §2): who changed what. */
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
 * The notification queue (SPEC §7): one table on either database, claimed with FOR UPDATE SKIP LOCKED so
 * any number of app servers can work it. `key` is the idempotency key: a job is enqueued, and so sent, once.
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
