import { NextResponse } from "next/server";
import { z } from "zod";
import { readJson } from "@/lib/api/body";
import { parseOrError, withPermission, type RouteContext } from "@/lib/api";
import { setUserActive, updateUser, userPatchInput } from "@/lib/users";
import { userId } from "@/lib/validation";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Changes a person's roles, team or active state: { roles?, teamId?, active? }. */
export const PATCH = withPermission<RouteContext<{ id: string }>>("admin.manage", async (request, { params, user }) => {
  const path = parseOrError(z.object({ id: userId }), await params);
  if ("response" in path) return path.response;
  const { id } = path.data;
  const json = await readJson(request);
  if ("response" in json) return json.response;
  const parsed = parseOrError(userPatchInput, json.data);
  if ("response" in parsed) return parsed.response;
  const { active, ...change } = parsed.data;
  let changed = false;
  if (change.roles !== undefined || change.teamId !== undefined)
    changed = (await updateUser(user.id, id, change)).changed || changed;
  if (active !== undefined) changed = (await setUserActive(user.id, id, active)).changed || changed;
  return NextResponse.json({ id, changed });
});

export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
