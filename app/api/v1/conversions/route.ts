import { otherMethods } from "@/lib/api/methods";
import type { z } from "zod";
import { parseOrError } from "@/lib/api/errors";
import { conversionsQuery, type conversionsPage } from "@/lib/api/schemas";
import { json, searchParams, withToken } from "@/lib/api/v1";
import { listConversions } from "@/lib/outcomes/api";

export const dynamic = "force-dynamic";

/** Every conversion, newest first, for leaders' and admins' tokens. */
export const GET = withToken("outcomes.read", async (request) => {
  const query = parseOrError(conversionsQuery, searchParams(request));
  if ("response" in query) return query.response;
  return json<z.infer<typeof conversionsPage>>(await listConversions(query.data));
});
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
