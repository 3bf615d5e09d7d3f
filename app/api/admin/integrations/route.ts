import { NextResponse } from "next/server";
import { integrationsInput, readJson, updateIntegrations } from "@/lib/admin";
import { apiError, parseOrError, withPermission } from "@/lib/api";

export const dynamic = "force-dynamic";

/** Replaces the allowed sign-up domains, embed origins and chat webhook URLs. */
export const PUT = withPermission("admin.manage", async (request, { user }) => {
  const json = await readJson(request);
  if (!json.ok) return apiError("invalid", "The body is not valid JSON.");
  const parsed = parseOrError(integrationsInput, json.body);
  if ("response" in parsed) return parsed.response;
  return NextResponse.json(await updateIntegrations(user.id, parsed.data));
});
