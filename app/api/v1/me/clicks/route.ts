import type { z } from "zod";
import { parseOrError } from "@/lib/api/errors";
import { clicksQuery, type clicksPage } from "@/lib/api/schemas";
import { json, listMyClicks, searchParams, withToken } from "@/lib/api/v1";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Clicks on the token owner's links, newest first. */
export const GET = withToken("stats.read", async (request, { user }) => {
  const query = parseOrError(clicksQuery, searchParams(request));
  if ("response" in query) return query.response;
  return json<z.infer<typeof clicksPage>>(await listMyClicks(user, query.data));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
