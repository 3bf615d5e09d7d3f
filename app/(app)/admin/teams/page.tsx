import type { Metadata } from "next";
import { listTeamsWithMembers } from "@/lib/teams";
import { requirePermission } from "@/lib/auth";
import { createTeamAction, renameTeamAction } from "./actions";
import { TeamForm } from "./team-form";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  await requirePermission("admin.manage", "/admin/teams");
  const teams = await listTeamsWithMembers();
  return (
    <>
      <h1 className="text-2xl font-semibold">Teams</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Each person belongs to one team (a department or region), used to target posts and for team leaderboards. Assign
        people on the Users page.
      </p>
      <section className="mt-6 max-w-md">
        <TeamForm save={createTeamAction} label="New team" submit="Add team" />
      </section>
      <ul className="mt-6 max-w-2xl divide-y divide-slate-100">
        {teams.map((team) => (
          <li key={team.id} className="py-3" data-testid="team-row">
            <p className="text-sm text-slate-500">
              {team.members} active member{team.members === 1 ? "" : "s"}
            </p>
            <TeamForm
              save={renameTeamAction}
              label={`Name of team ${team.id}`}
              submit="Rename"
              teamId={team.id}
              initial={team.name}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
