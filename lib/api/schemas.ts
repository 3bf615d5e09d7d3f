import "zod-openapi";
import { z } from "zod";
import { clickReason, NETWORKS } from "@/db/schema";
import { PERIOD_KINDS } from "@/lib/periods";
import { hashtagName, postInput, rowId } from "@/lib/validation";

/**
 * The public API's shapes (/api/v1): routes parse input with them and type their answers by them, and
 * lib/api/openapi.ts renders the OpenAPI document from the same schemas.
 */

export const MAX_PAGE_SIZE = 100;

export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(20)
    .meta({ description: `Items per page, 1–${MAX_PAGE_SIZE}.` }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .meta({ description: "The `nextCursor` of the previous page; absent for the first page." }),
});

export const clicksQuery = pageQuery.extend({
  linkId: rowId.optional().meta({ description: "Only clicks on this link of yours." }),
});

export const leaderboardQuery = pageQuery.extend({
  period: z.enum(PERIOD_KINDS).optional().meta({
    description:
      "week, month, quarter (the current one, in the company time zone), all (default) or custom with from and to.",
  }),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .meta({ description: "First day of a custom period, e.g. 2026-01-01." }),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .meta({ description: "Last day of a custom period." }),
  teamId: rowId.optional().meta({ description: "Only this team's advocates, ranked among themselves." }),
});

export const postIdParam = z.object({ id: rowId.meta({ description: "The post's id." }) });

export const apiErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        "unauthorized",
        "forbidden",
        "invalid",
        "not_found",
        "method_not_allowed",
        "conflict",
        "too_large",
        "rate_limited",
        "internal",
      ]),
      message: z.string(),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: "Per-field messages of a 400." }),
    }),
  })
  .meta({ id: "Error" });

const isoDate = z.iso.datetime({ offset: true });
const network = z.enum(NETWORKS);

export const apiPost = z
  .object({
    id: z.number().int(),
    title: z.string(),
    url: z.url(),
    commentary: z.string(),
    commentaryLinkedin: z.string().nullable(),
    commentaryX: z.string().nullable(),
    commentaryFacebook: z.string().nullable(),
    imageUrl: z.string().nullable(),
    campaign: z.string().nullable(),
    hashtags: z.array(z.string()),
    publishedAt: isoDate,
  })
  .meta({
    id: "Post",
    description: "A live post: approved and inside its publish window, for the token owner's audience.",
  });

export const apiPostInput = z
  .object({
    title: postInput.shape.title,
    url: postInput.shape.url,
    commentary: postInput.shape.commentary,
    hashtags: z
      .array(hashtagName)
      .max(10, "At most 10 hashtags")
      .default([])
      .transform((tags) => [...new Set(tags)]),
  })
  .meta({ id: "PostInput", description: "A new post; it is saved as a draft for the curator to submit for review." });

export const apiCreatedPost = z
  .object({ id: z.number().int(), status: z.literal("draft") })
  .meta({ id: "CreatedPost" });

export const apiLink = z
  .object({
    id: z.number().int(),
    code: z.string(),
    shortUrl: z.url(),
    postId: z.number().int(),
    postTitle: z.string(),
    network,
    origin: z.enum(["share", "reshare", "embed"]),
    createdAt: isoDate,
    clicks: z.number().int().meta({ description: "Every click, counted or not." }),
    countedClicks: z.number().int().meta({ description: "Clicks that earn points (not bots, repeats or your own)." }),
  })
  .meta({ id: "Link", description: "One of your tracked links." });

export const apiClick = z
  .object({
    id: z.number().int(),
    linkId: z.number().int(),
    code: z.string(),
    clickedAt: isoDate,
    counted: z.boolean(),
    reason: z.enum(clickReason.enumValues),
    country: z.string().nullable(),
    device: z.enum(["desktop", "mobile", "tablet", "bot", "unknown"]),
    referrerHost: z.string().nullable(),
  })
  .meta({ id: "Click", description: "A click on one of your links. Visitors are never identified." });

export const conversionsQuery = pageQuery.extend({
  kind: z.string().trim().max(40).optional().meta({ description: "Only conversions of this kind." }),
});

export const apiConversion = z
  .object({
    id: z.number().int(),
    kind: z.string().meta({ description: "lead, signup, opportunity, won or an admin-defined kind." }),
    externalId: z.string().meta({ description: "The CRM's opaque id; a deal's stages share it." }),
    amount: z.string().nullable().meta({ description: "Decimal string, in `currency`; never converted." }),
    currency: z.string().nullable(),
    occurredAt: isoDate,
    code: z.string().nullable().meta({ description: "The link code as reported (kept when unknown)." }),
    attributed: z.boolean(),
    advocateId: z.string().nullable().meta({ description: "Credited: the root advocate of the link's chain." }),
    resharerId: z.string().nullable().meta({ description: "The colleague whose reshare the visitor came through." }),
    postId: z.number().int().nullable(),
    network: z.enum(NETWORKS).nullable(),
    source: z.enum(["server", "browser", "import"]),
  })
  .meta({ id: "Conversion", description: "An outcome credited by link code; no personal data of the person." });

export const apiLeaderboardRow = z
  .object({
    rank: z.number().int(),
    name: z.string().meta({ description: '"Anonymous advocate" for people who hide their name.' }),
    team: z.string().nullable(),
    shares: z.number().int(),
    countedClicks: z.number().int(),
    reshares: z.number().int(),
    points: z.number().int(),
    score: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The advocate's latest weekly influence score (0–100); null before their first." }),
    isMe: z.boolean(),
  })
  .meta({ id: "LeaderboardRow" });

const scorePart = z.number().min(0).max(25);

export const apiScore = z
  .object({
    week: z.string().nullable().meta({ description: "Monday of the latest snapshot week; null before the first run." }),
    score: z.number().int().min(0).max(100).nullable(),
    parts: z
      .object({ consistency: scorePart, reach: scorePart, resonance: scorePart, amplification: scorePart })
      .nullable(),
    inputs: z
      .object({
        weeksWithShare: z.number().int(),
        shares: z.number().int(),
        countedClicks: z.number().int(),
        reshares: z.number().int(),
        conversions: z.number().int(),
      })
      .nullable()
      .meta({ description: "The 13 weeks' counts the score was computed from (Facebook shares left out)." }),
    advice: z
      .object({ part: z.string(), gain: z.number().int(), message: z.string() })
      .nullable()
      .meta({ description: "The one step that would raise the score most." }),
    trend: z.array(z.object({ week: z.string(), score: z.number().int() })),
  })
  .meta({ id: "Score", description: "The token owner's influence score (see How points work)." });

export const apiMe = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    roles: z.array(z.string()),
    token: z.object({ id: z.number().int(), readOnly: z.boolean() }),
  })
  .meta({ id: "Me", description: "The token's owner and the token itself." });

function page<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    })
    .meta({ id });
}

export const postsPage = page(apiPost, "PostsPage");
export const linksPage = page(apiLink, "LinksPage");
export const clicksPage = page(apiClick, "ClicksPage");
export const conversionsPage = page(apiConversion, "ConversionsPage");
export const leaderboardPage = page(apiLeaderboardRow, "LeaderboardPage")
  .extend({
    total: z.number().int(),
    me: apiLeaderboardRow
      .nullable()
      .meta({ description: "The token owner's row wherever it falls; null when they have no activity in the period." }),
    period: z.object({ from: z.string().nullable(), to: z.string().nullable(), label: z.string() }),
    teamId: z.number().int().nullable(),
  })
  .meta({ id: "LeaderboardPage" });

export type ApiPost = z.infer<typeof apiPost>;
export type ApiLink = z.infer<typeof apiLink>;
export type ApiClick = z.infer<typeof apiClick>;
export type ApiConversion = z.infer<typeof apiConversion>;
export type ApiLeaderboardRow = z.infer<typeof apiLeaderboardRow>;
