import { NextResponse } from "next/server";
import { readJson } from "@/lib/admin";
import { apiError, parseOrError, withPermission, type RouteContext } from "@/lib/api";
import { setUserActive, updateUser, userPatchInput } from "@/lib/users";

export const dynamic = "force-dynamic";

/** Changes a person's roles, team or active state: { roles?, teamId?, active? }. */
export const PATCH = withPermission<RouteContext<{ id: string }>>("admin.manage", async (request, { params, user }) => {
  const { id } = await params;
  const json = await readJson(request);
  if (!json.ok) return apiError("invalid", "The body is not valid JSON.");
  const parsed = parseOrError(userPatchInput, json.body);
  if ("response" in parsed) return parsed.response;
  const { active, ...change } = parsed.data;
  let changed = false;
  if (change.roles !== undefined || change.teamId !== undefined)
    changed = (await updateUser(user.id, id, change)).changed || changed;
  if (active !== undefined) changed = (await setUserActive(user.id, id, active)).changed || changed;
  return NextResponse.json({ id, changed });
});
