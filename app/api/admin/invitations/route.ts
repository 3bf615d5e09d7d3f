import { NextResponse } from "next/server";
import { readJson } from "@/lib/admin";
import { apiError, parseOrError, withPermission } from "@/lib/api";
import { inviteInput, inviteUser } from "@/lib/invitations";
import { appOrigin } from "@/lib/origin";

export const dynamic = "force-dynamic";

/** Invites a person by email: { email, name?, roles?, teamId? } → 201 { userId }. */
export const POST = withPermission("admin.manage", async (request, { user }) => {
  const json = await readJson(request);
  if (!json.ok) return apiError("invalid", "The body is not valid JSON.");
  const parsed = parseOrError(inviteInput, json.body);
  if ("response" in parsed) return parsed.response;
  const { userId, reinvited } = await inviteUser(user.id, parsed.data, appOrigin());
  return NextResponse.json({ userId, email: parsed.data.email, reinvited }, { status: reinvited ? 200 : 201 });
});
