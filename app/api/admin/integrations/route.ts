import { NextResponse } from "next/server";
import { integrationsInput, updateIntegrations } from "@/lib/integrations";
import { readJson } from "@/lib/api/body";
import { parseOrError, withPermission } from "@/lib/api";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Replaces the allowed sign-up domains, embed origins and chat webhook URLs. */
export const PUT = withPermission("admin.manage", async (request, { user }) => {
  const json = await readJson(request);
  if ("response" in json) return json.response;
  const parsed = parseOrError(integrationsInput, json.data);
  if ("response" in parsed) return parsed.response;
  return NextResponse.json(await updateIntegrations(user.id, parsed.data));
});

export const { GET, POST, PATCH, DELETE } = otherMethods("PUT");
