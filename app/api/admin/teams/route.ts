import { NextResponse } from "next/server";
import { createTeam, listTeamsWithMembers, readJson, teamInput } from "@/lib/admin";
import { apiError, parseOrError, withPermission } from "@/lib/api";

export const dynamic = "force-dynamic";

export const GET = withPermission("admin.manage", async () =>
  NextResponse.json({ teams: await listTeamsWithMembers() }),
);

export const POST = withPermission("admin.manage", async (request, { user }) => {
  const json = await readJson(request);
  if (!json.ok) return apiError("invalid", "The body is not valid JSON.");
  const parsed = parseOrError(teamInput, json.body);
  if ("response" in parsed) return parsed.response;
  const { teamId } = await createTeam(user.id, parsed.data.name);
  return NextResponse.json({ id: teamId, name: parsed.data.name }, { status: 201 });
});
