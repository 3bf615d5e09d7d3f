import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { getSettings } from "@/lib/settings";
import { listTeams } from "@/lib/teams";
import { EXTRA_ROLES, listUsers } from "@/lib/users";
import { inviteAction, saveUserAction, setActiveAction } from "./actions";
import { InviteForm, UserRow } from "./user-forms";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requirePermission("admin.manage", "/admin/users");
  const [people, teams, { allowedDomains }] = await Promise.all([listUsers(), listTeams(), getSettings()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Everyone is an advocate; tick the extra roles a person holds. Deactivated people cannot sign in and are signed out at once; their shares and points stay.
      </p>
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Invite someone</h2>
        <p className="mt-1 text-sm text-slate-600">
          {allowedDomains.length ? `Addresses at ${allowedDomains.join(", ")} may be invited.` : "Any address may be invited (no sign-up domains are set)."} They get a mail with a link that signs them in.
        </p>
        <InviteForm invite={inviteAction} teams={teams} roles={EXTRA_ROLES} />
      </section>
      <div className="mt-6 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">Person</th>
              <th className="py-2 pr-3 font-medium">Roles and team</th>
              <th className="py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <UserRow key={person.id} person={person} teams={teams} roles={EXTRA_ROLES} isSelf={person.id === admin.id} save={saveUserAction} setActive={setActiveAction} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
