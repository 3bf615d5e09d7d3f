import type { z } from "zod";
import type { RouteContext } from "@/lib/api";
import { apiError, parseOrError } from "@/lib/api/errors";
import { postIdParam, type apiPost } from "@/lib/api/schemas";
import { getLivePost, json, withToken } from "@/lib/api/v1";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** One live post; a post the owner may not see answers 404, like an unknown one. */
export const GET = withToken<RouteContext<{ id: string }>>("feed.read", async (_request, { params, user }) => {
  const parsed = parseOrError(postIdParam, await params);
  if ("response" in parsed) return parsed.response;
  const post = await getLivePost(user, parsed.data.id);
  if (!post) return apiError("not_found", "No such live post.");
  return json<z.infer<typeof apiPost>>(post);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
