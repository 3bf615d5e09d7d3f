import { z } from "zod";
import { NETWORKS } from "@/db/schema";
import { X_LIMIT, X_LINK_LENGTH, xLength } from "@/lib/share-intents";

/** A row id from a form or URL: a whole number that fits Postgres' integer, so an absurd one is refused here, not by the database. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647);

/** http(s) only; normalised by the URL parser (host case, default port, encoding); the curator's own query kept. */
export const targetUrl = z
  .string()
  .trim()
  .min(1, "Enter the link to share")
  .max(2000, "Links are at most 2,000 characters")
  .transform((value, ctx) => {
    try {
      const url = new URL(value);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {}
    ctx.addIssue({ code: "custom", message: "Enter a full http:// or https:// link" });
    return z.NEVER;
  });

/** `#Cloud`, `cloud` and `CLOUD` are the same hashtag. */
export function normalizeHashtag(raw: string): string {
  return raw.trim().replace(/^#+/, "").toLowerCase();
}

export const hashtagName = z
  .string()
  .transform(normalizeHashtag)
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,50}$/u, "Hashtags use letters, digits and _ only (at most 50)"));

const hashtagList = z
  .string()
  .default("")
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(hashtagName).max(10, "At most 10 hashtags"))
  .transform((tags) => [...new Set(tags)]);

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max.toLocaleString("en")} characters`)
    .optional()
    .transform((value) => value || null);

/** "" from an empty form field, or an ISO date-time (the browser sends the reader's own offset). */
const optionalDateTime = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a valid date and time" });
      return z.NEVER;
    }
    return date;
  });

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean).map(Number))
  .pipe(z.array(z.number().int("Unknown team").positive("Unknown team")).max(200));

export const postInput = z
  .object({
    title: z.string().trim().min(1, "Give the post a title").max(200, "Titles are at most 200 characters"),
    url: targetUrl,
    commentary: z.string().trim().max(3000, "Commentary is at most 3,000 characters").default(""),
    commentaryLinkedin: optionalText(3000, "The LinkedIn text"),
    commentaryX: optionalText(1000, "The X text").refine((text) => !text || xLength(text) <= X_LIMIT, {
      message: `Too long for X: at most ${X_LIMIT} characters, counting the link as ${X_LINK_LENGTH}`,
    }),
    commentaryFacebook: optionalText(5000, "The Facebook text"),
    hashtags: hashtagList,
    campaignId: z
      .union([z.literal(""), rowId])
      .optional()
      .transform((value) => (value ? value : null)),
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
  });
export type PostInput = z.infer<typeof postInput>;
/** What lib/posts needs at least; forms and imports add the rest. */
export type PostFields = Pick<PostInput, "title" | "url" | "commentary" | "hashtags"> &
  Partial<Omit<PostInput, "title" | "url" | "commentary" | "hashtags">>;

export const postId = rowId;

export const reviewInput = z.object({
  postId,
  comment: z.string().trim().max(1000, "Comments are at most 1,000 characters").optional(),
});

export const rejectInput = reviewInput.extend({
  comment: z.string().trim().min(1, "Say what needs to change").max(1000, "Comments are at most 1,000 characters"),
});

export const shareInput = z.object({ postId, network: z.enum(NETWORKS) });
export const shareForm = shareInput.extend({
  caption: z.string().max(3000, "Captions are at most 3,000 characters").optional(),
});
export const reshareForm = z.object({
  parentLinkId: rowId,
  network: z.enum(NETWORKS),
  caption: shareForm.shape.caption,
});

export const feedQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  hashtag: z
    .string()
    .transform(normalizeHashtag)
    .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,50}$/u))
    .optional()
    .catch(undefined),
  campaign: rowId.optional().catch(undefined),
  order: z.enum(["newest", "most_shared"]).catch("newest"),
});

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter your work email address")),
  callbackUrl: z.string().optional(),
});

const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((day) => new Date(`${day}T00:00:00Z`))
  .optional()
  .catch(undefined);

/** The library's search and filters from the query string; anything odd falls back to "no filter". */
export const libraryQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  status: z.enum(["draft", "in_review", "approved", "archived"]).optional().catch(undefined),
  hashtag: feedQuery.shape.hashtag,
  campaign: rowId.optional().catch(undefined),
  from: optionalDay,
  to: optionalDay,
  sort: z.enum(["updated", "created", "title", "publish"]).catch("updated"),
});
