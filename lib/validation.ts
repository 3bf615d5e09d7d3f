import { z } from "zod";
import { NETWORKS } from "@/db/schema";
import { LOCALE_NAMES, LOCALES } from "@/lib/locale";
import { X_LIMIT, X_LINK_LENGTH, xLength } from "@/lib/share-intents";

/*
 * The boundary rule for everything a person or a client sends (forms, JSON API, CSV import, webhook, query
 * strings, path ids): bad input is a field error or a 400 here, never a database error (a 500) later.
 */

/** A row id from a form or URL: a whole number that fits Postgres' integer, so an absurd one is refused here, not by the database. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647);

// C0 control characters and DEL: NUL cannot be stored in a Postgres text column at all, and the others are never
// typed by a person. A multi-line field keeps tab, line feed and carriage return.
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Free text from a person or a client: no control characters (tab and line breaks only where `multiline`),
 * no broken UTF-16 (a lone surrogate), trimmed, at most `max` characters. Every text field goes through it.
 */
export function text(
  max: number,
  { label = "This text", multiline = false, required }: { label?: string; multiline?: boolean; required?: string } = {},
) {
  const control = multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  const schema = z
    .string(required ? { error: required } : undefined)
    .refine((value) => !control.test(value) && value.isWellFormed(), {
      message: `${label} contains a control character or broken text (${
        multiline ? "only tabs and line breaks are allowed" : "on one line, without tabs"
      })`,
      abort: true,
    })
    .trim()
    .max(max, `${label} is at most ${max.toLocaleString("en")} characters`);
  return required ? schema.min(1, required) : schema;
}

/** An email address as mail servers allow it: at most 254 characters (RFC 5321), compared lower-case. */
export const emailAddress = (message: string) =>
  text(254, { label: "An email address" }).toLowerCase().pipe(z.email(message));

/** A user id from a form or URL (ids are UUIDs; anything else simply names nobody). */
export const userId = text(100, { label: "A user id", required: "Say which person" });

/** Dates a person can mean: nothing in Chorus is older than 2000, and nothing is planned past 2100. */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;

function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return false;
  const calendar = new Date(Date.UTC(year, month - 1, date));
  return calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === date;
}

/** A real calendar day as YYYY-MM-DD between 2000 and 2100: 2026-02-30 is refused, never rolled over to March. */
export const calendarDay = z
  .string()
  .trim()
  .refine(isCalendarDay, `Enter a real date as YYYY-MM-DD, between ${EARLIEST_YEAR} and ${LATEST_YEAR}`);

// ISO 8601: a date, or a date and time with an optional offset (none means UTC).
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date-time as an instant, or null when it is not one: a real calendar day between 2000
 * and 2100, a real time of day, an offset within ±14:00. `Date` alone would take +275760-09-13 (which
 * Postgres cannot store) and turn 2026-02-30 into 2 March.
 */
export function parseIsoDateTime(value: string): Date | null {
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, day, hours = "00", minutes = "00", seconds = "00", fraction = "", offset = "Z"] = match;
  if (!isCalendarDay(day!) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  const zone = /^[+-]\d{2}:?\d{2}$/.test(offset) ? `${offset.slice(0, 3)}:${offset.slice(-2)}` : "Z";
  if (zone !== "Z" && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return null;
  const at = new Date(`${day}T${hours}:${minutes}:${seconds}${fraction.slice(0, 4)}${zone}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** http(s) only; normalised by the URL parser (host case, default port, encoding); the curator's own query kept. */
export const targetUrl = text(2000, { label: "A link", required: "Enter the link to share" }).transform(
  (value, ctx) => {
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {}
    ctx.addIssue({ code: "custom", message: "Enter a full http:// or https:// link" });
    return z.NEVER;
  },
);

/** `#Cloud`, `cloud` and `CLOUD` are the same hashtag. */
export function normalizeHashtag(raw: string): string {
  return raw.trim().replace(/^#+/, "").toLowerCase();
}

export const hashtagName = text(200, { label: "A hashtag" })
  .transform(normalizeHashtag)
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,50}$/u, "Hashtags use letters, digits and _ only (at most 50)"));

export const hashtagList = text(2000, { label: "The hashtags" })
  .default("")
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(hashtagName).max(10, "At most 10 hashtags"))
  .transform((tags) => [...new Set(tags)]);

const optionalText = (max: number, label: string) =>
  text(max, { label, multiline: true })
    .optional()
    .transform((value) => value || null);

/** "" from an empty form field, or an ISO date-time (the browser sends the reader's own offset). */
const optionalDateTime = text(40, { label: "A date" })
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = parseIsoDateTime(value);
    if (!date) {
      ctx.addIssue({
        code: "custom",
        message: `Enter a real date and time between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
      });
      return z.NEVER;
    }
    return date;
  });

export const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean).map(Number))
  .pipe(
    z
      .array(z.number().int("Unknown team").positive("Unknown team").max(2_147_483_647, "Unknown team"))
      .max(200, "At most 200 teams"),
  );

/** A campaign picked from a select, where the empty choice means none. */
export const optionalCampaignId = z
  .union([z.literal(""), rowId])
  .optional()
  .transform((value) => (value ? value : null));

/** What a post says, in its own language or in a variant: the title and the commentary per network. */
const postTexts = {
  title: text(200, { label: "The title", required: "Give the post a title" }),
  commentary: text(3000, { label: "The commentary", multiline: true }).default(""),
  commentaryLinkedin: optionalText(3000, "The LinkedIn text"),
  commentaryX: optionalText(1000, "The X text").refine((text) => !text || xLength(text) <= X_LIMIT, {
    message: `Too long for X: at most ${X_LIMIT} characters, counting the link as ${X_LINK_LENGTH}`,
  }),
  commentaryFacebook: optionalText(5000, "The Facebook text"),
};

export const postLanguage = z.enum(LOCALES, { error: `Choose one of: ${LOCALES.join(", ")}` });

/** One variant's texts; which language it is in is its key in `variants`. */
export const postVariantInput = z.object(postTexts);
export type PostVariantInput = z.infer<typeof postVariantInput>;

/** A post's variants by language (README "Languages of a post"): one per language at most, none in its own. */
export const postVariants = z
  .partialRecord(postLanguage, postVariantInput, {
    // zod's error map is wider than the record's own issues: an unknown language is an "unrecognized_keys" one.
    error: (issue) => {
      const unknown = issue as { code: string; keys?: string[] };
      return unknown.code === "unrecognized_keys"
        ? `Variants are in ${LOCALES.join(", ")}, not ${unknown.keys?.join(", ")}`
        : undefined;
    },
  })
  .default({});
export type PostVariants = z.infer<typeof postVariants>;

export const postInput = z
  .object({
    ...postTexts,
    url: targetUrl,
    language: postLanguage.default("en"),
    variants: postVariants,
    hashtags: hashtagList,
    campaignId: optionalCampaignId,
    audience: z.enum(["all", "teams"]).default("all"),
    teamIds: idList,
    publishAt: optionalDateTime,
    expireAt: optionalDateTime,
    /** A checkbox: present ("1" or "on") locks the caption, absent leaves it editable. */
    captionLocked: z
      .union([z.boolean(), z.string()])
      .optional()
      .transform((value) => value === true || value === "1" || value === "on"),
  })
  .superRefine((post, ctx) => {
    if (post.publishAt && post.expireAt && post.expireAt <= post.publishAt) {
      ctx.addIssue({ code: "custom", path: ["expireAt"], message: "The post must expire after it is published" });
    }
    if (post.audience === "teams" && post.teamIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["teamIds"], message: "Choose at least one team, or share with everyone" });
    }
    if (post.variants[post.language]) {
      ctx.addIssue({
        code: "custom",
        path: ["variants", post.language],
        message: `The post itself is in ${LOCALE_NAMES[post.language]}: a variant must be in another language`,
      });
    }
  });
export type PostInput = z.infer<typeof postInput>;
/** What lib/posts needs at least; forms and imports add the rest. */
export type PostFields = Pick<PostInput, "title" | "url" | "commentary" | "hashtags"> &
  Partial<Omit<PostInput, "title" | "url" | "commentary" | "hashtags">>;

export const postId = rowId;

export const reviewInput = z.object({
  postId,
  comment: text(1000, { label: "The comment", multiline: true }).optional(),
});

export const rejectInput = reviewInput.extend({
  comment: text(1000, { label: "The comment", multiline: true, required: "Say what needs to change" }),
});

export const shareInput = z.object({ postId, network: z.enum(NETWORKS) });
export const shareForm = shareInput.extend({
  caption: text(3000, { label: "The caption", multiline: true }).optional(),
});
export const reshareForm = z.object({
  parentLinkId: rowId,
  network: z.enum(NETWORKS),
  caption: shareForm.shape.caption,
});

export const feedQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  hashtag: hashtagName.optional().catch(undefined),
  campaign: rowId.optional().catch(undefined),
  order: z.enum(["newest", "most_shared"]).catch("newest"),
});

export const signInInput = z.object({
  email: emailAddress("Enter your work email address"),
  callbackUrl: text(2000).optional().catch(undefined),
});

const optionalDay = calendarDay
  .transform((day) => new Date(`${day}T00:00:00Z`))
  .optional()
  .catch(undefined);

/** The library's search and filters from the query string; anything odd falls back to "no filter". */
export const libraryQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  q: text(200, { label: "A search" })
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  status: z.enum(["draft", "in_review", "approved", "archived"]).optional().catch(undefined),
  hashtag: feedQuery.shape.hashtag,
  campaign: rowId.optional().catch(undefined),
  lacking: postLanguage.optional().catch(undefined),
  from: optionalDay,
  to: optionalDay,
  sort: z.enum(["updated", "created", "title", "publish"]).catch("updated"),
});
