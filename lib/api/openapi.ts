import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import type { z } from "zod";
import { appOrigin } from "@/lib/origin";
import {
  apiCreatedPost,
  apiErrorBody,
  apiMe,
  apiPost,
  apiPostInput,
  apiScore,
  clicksPage,
  clicksQuery,
  conversionsPage,
  conversionsQuery,
  leaderboardPage,
  leaderboardQuery,
  linksPage,
  pageQuery,
  postIdParam,
  postsPage,
} from "@/lib/api/schemas";

const jsonContent = (schema: z.ZodType) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: jsonContent(apiErrorBody) });

/** The errors every token-authenticated endpoint may answer. */
const common: ZodOpenApiResponsesObject = {
  "401": error("No token, or an unknown, expired or revoked one."),
  "403": error("The owner's roles do not allow this, or the token is read-only and this is a write."),
  "429": {
    ...error("Over the token's rate limit."),
    headers: {
      "Retry-After": { description: "Seconds until the next request is allowed.", schema: { type: "integer" } },
    },
  },
};

function operation(
  summary: string,
  permission: string,
  ok: ZodOpenApiResponsesObject,
  extra: Partial<ZodOpenApiOperationObject> = {},
): ZodOpenApiOperationObject {
  return {
    summary,
    description: `Needs the \`${permission}\` permission.`,
    security: [{ bearer: [] }],
    ...extra,
    responses: { ...ok, ...common },
  };
}

const ok = (description: string, schema: z.ZodType) => ({ "200": { description, content: jsonContent(schema) } });
const invalid = { "400": error("A malformed query, cursor or body.") };

let document: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, rendered once from the zod schemas the routes use. */
export function openApiDocument(): ReturnType<typeof createDocument> {
  document ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Chorus API",
      version: "1.0.0",
      description:
        "Personal access tokens (Settings → API tokens) act with their owner's current roles, or read-only. " +
        "Lists use opaque cursors: pass a page's `nextCursor` as `cursor` for the next one. Errors are `{ error: { code, message } }`.",
    },
    servers: [{ url: appOrigin() }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A token starting with chorus_pat_" } },
    },
    paths: {
      "/api/v1/me": { get: operation("The token's owner", "feed.read", ok("The owner and token.", apiMe)) },
      "/api/v1/me/score": {
        get: operation(
          "The owner's influence score",
          "stats.read",
          ok("The latest weekly score, its four parts, the best next step and 12 months of trend.", apiScore),
        ),
      },
      "/api/v1/posts": {
        get: operation(
          "Live posts",
          "feed.read",
          { ...ok("A page of live posts, newest published first.", postsPage), ...invalid },
          { requestParams: { query: pageQuery } },
        ),
        post: operation(
          "Create a draft post",
          "posts.write",
          { "201": { description: "Created as a draft.", content: jsonContent(apiCreatedPost) }, ...invalid },
          { requestBody: { content: jsonContent(apiPostInput) } },
        ),
      },
      "/api/v1/posts/{id}": {
        get: operation(
          "One live post",
          "feed.read",
          { ...ok("The post.", apiPost), ...invalid, "404": error("No such live post for this owner.") },
          { requestParams: { path: postIdParam } },
        ),
      },
      "/api/v1/me/links": {
        get: operation(
          "My tracked links",
          "stats.read",
          { ...ok("A page of links, newest first, with click counts.", linksPage), ...invalid },
          { requestParams: { query: pageQuery } },
        ),
      },
      "/api/v1/me/clicks": {
        get: operation(
          "Clicks on my links",
          "stats.read",
          { ...ok("A page of clicks, newest first.", clicksPage), ...invalid },
          { requestParams: { query: clicksQuery } },
        ),
      },
      "/api/v1/conversions": {
        get: operation(
          "Conversions",
          "outcomes.read",
          { ...ok("A page of conversions, newest first (leaders' and admins' tokens).", conversionsPage), ...invalid },
          { requestParams: { query: conversionsQuery } },
        ),
      },
      "/api/v1/leaderboard": {
        get: operation(
          "The leaderboard",
          "leaderboard.read",
          { ...ok("A page of ranked advocates and the owner's own row.", leaderboardPage), ...invalid },
          { requestParams: { query: leaderboardQuery } },
        ),
      },
    },
  });
  return document;
}
