import { NextResponse } from "next/server";
import { readJson } from "@/lib/api/body";
import { parseOrError, withPermission } from "@/lib/api";
import { inviteInput, inviteUser } from "@/lib/invitations";
import { appOrigin } from "@/lib/origin";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Invites a person by email: { email, name?, roles?, teamId? } → 201 { userId }. */
export const POST = withPermission("admin.manage", async (request, { user }) => {
  const json = await readJson(request);
  if ("response" in json) return json.response;
  const parsed = parseOrError(inviteInput, json.data);
  if ("response" in parsed) return parsed.response;
  const { userId, reinvited } = await inviteUser(user.id, parsed.data, appOrigin());
  return NextResponse.json({ userId, email: parsed.data.email, reinvited }, { status: reinvited ? 200 : 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
