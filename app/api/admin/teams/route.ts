import { NextResponse } from "next/server";
import { createTeam, listTeamsWithMembers, teamInput } from "@/lib/teams";
import { readJson } from "@/lib/api/body";
import { parseOrError, withPermission } from "@/lib/api";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

export const GET = withPermission("admin.manage", async () =>
  NextResponse.json({ teams: await listTeamsWithMembers() }),
);

export const POST = withPermission("admin.manage", async (request, { user }) => {
  const json = await readJson(request);
  if ("response" in json) return json.response;
  const parsed = parseOrError(teamInput, json.data);
  if ("response" in parsed) return parsed.response;
  const { teamId } = await createTeam(user.id, parsed.data.name);
  return NextResponse.json({ id: teamId, name: parsed.data.name }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
