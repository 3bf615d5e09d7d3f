import type { z } from "zod";
import { parseOrError } from "@/lib/api/errors";
import { pageQuery, type linksPage } from "@/lib/api/schemas";
import { json, listMyLinks, searchParams, withToken } from "@/lib/api/v1";
import { appOrigin } from "@/lib/origin";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** The token owner's tracked links, newest first, with click counts. */
export const GET = withToken("stats.read", async (request, { user }) => {
  const query = parseOrError(pageQuery, searchParams(request));
  if ("response" in query) return query.response;
  return json<z.infer<typeof linksPage>>(await listMyLinks(user, { ...query.data, origin: appOrigin() }));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
