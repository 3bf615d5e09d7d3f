import { FilterButtons } from "@/components/ui/filter-buttons";
import { Select } from "@/components/ui/select";
import type { Metadata } from "next";
import { Suspense } from "react";
import { ListLoading } from "@/components/list-loading";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { Empty } from "@/components/report/section";
import { ROLES } from "@/db/schema";
import { requirePermission } from "@/lib/auth";
import {
  listHref,
  pageBeyondEnd,
  pageOf,
  problemsOf,
  resolveParam,
  resolveSearch,
  type SearchParams,
} from "@/lib/filters";
import { getSettings } from "@/lib/settings";
import { listTeams, type TeamOption } from "@/lib/teams";
import { EXTRA_ROLES, listUsers, USER_STATUSES, USERS_PAGE_SIZE, userListQuery, type UserListQuery } from "@/lib/users";
import { inviteAction, saveUserAction, setActiveAction } from "./actions";
import { ROLE_NAMES, STATUS_NAMES } from "./labels";
import { InviteForm, UserRow } from "./user-forms";
import { TableBox } from "@/components/table-box";

export const metadata: Metadata = { title: "Users" };

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2";

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requirePermission("admin.manage", "/admin/users");
  const params = await searchParams;
  const q = resolveSearch(params.q, "the list without one");
  const role = resolveParam(
    params.role,
    userListQuery.shape.role,
    (value) => `There is no role “${value}”. Showing every role.`,
  );
  const status = resolveParam(
    params.status,
    userListQuery.shape.status,
    (value) => `There is no status “${value}”: people are active, invited or deactivated. Showing all of them.`,
  );
  const { page, problem } = pageOf(params);
  const query = { q: q.value, role: role.value, status: status.value, page };
  const [teams, { allowedDomains }] = await Promise.all([listTeams(), getSettings()]);
  const filtered = !!(query.q || query.role || query.status);
  return (
    <>
      <h1 className="text-2xl font-semibold">Users</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Everyone is an advocate; tick the extra roles a person holds. Deactivated people cannot sign in and are signed
        out at once; their shares and points stay.
      </p>
      <section className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Invite someone</h2>
        <p className="mt-1 text-sm text-slate-600">
          {allowedDomains.length
            ? `Addresses at ${allowedDomains.join(", ")} may be invited.`
            : "Any address may be invited (no sign-up domains are set)."}{" "}
          They get a mail with a link that signs them in.
        </p>
        <InviteForm invite={inviteAction} teams={teams} roles={EXTRA_ROLES} />
      </section>
      <h2 className="mt-8 text-lg font-semibold">People</h2>
      <search aria-label="Find people">
        <form
          method="get"
          action="/admin/users"
          className="mt-3 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm md:grid-cols-5 md:items-end"
        >
          <label className="col-span-2 block">
            <span className="font-medium text-slate-700">Search</span>
            <input type="search" name="q" defaultValue={query.q} placeholder="Name or email" className={field} />
          </label>
          <label className="block">
            <span className="font-medium text-slate-700">Role</span>
            <Select name="role" defaultValue={query.role ?? ""}>
              <option value="">Any role</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_NAMES[r]}
                </option>
              ))}
            </Select>
          </label>
          <label className="block">
            <span className="font-medium text-slate-700">Status</span>
            <Select name="status" defaultValue={query.status ?? ""}>
              <option value="">Any status</option>
              {USER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_NAMES[s]}
                </option>
              ))}
            </Select>
          </label>
          <div className="col-span-2 flex gap-2 md:col-span-1">
            <FilterButtons label="Search" clearHref={filtered ? "/admin/users" : null} />
          </div>
        </form>
      </search>
      <Suspense key={listHref("", query)} fallback={<ListLoading what="people" />}>
        <People
          query={query}
          filtered={filtered}
          problems={problemsOf(q.problem, role.problem, status.problem, problem)}
          teams={teams}
          adminId={admin.id}
        />
      </Suspense>
    </>
  );
}

async function People({
  query,
  filtered,
  problems,
  teams,
  adminId,
}: {
  query: UserListQuery;
  filtered: boolean;
  problems: string[];
  teams: TeamOption[];
  adminId: string;
}) {
  const { items, total } = await listUsers(query);
  const { page } = query;
  return (
    <>
      <Problems problems={problemsOf(...problems, pageBeyondEnd(page, total, USERS_PAGE_SIZE))} />
      <p className="mt-4 text-sm text-slate-600" data-testid="user-total">
        {total.toLocaleString("en")} {total === 1 ? "person" : "people"}
        {filtered ? " match" : ""}
      </p>
      {total === 0 && (
        <Empty>
          {filtered ? "No one matches. Try another search or filter." : "No people yet: invite someone above."}
        </Empty>
      )}
      {items.length > 0 && (
        <TableBox
          className="mt-2 overflow-x-auto"
          headClassName="border-b border-slate-200 text-slate-500"
          caption={
            <>
              People{filtered ? " matching the search" : ""}, by email, page {page}
            </>
          }
          head={
            <>
              <th scope="col" className="py-2 pr-3 font-medium">
                Person
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Roles and team
              </th>
              <th scope="col" className="py-2 font-medium">
                Status
              </th>
            </>
          }
        >
          {items.map((person) => (
            <UserRow
              key={person.id}
              person={person}
              teams={teams}
              roles={EXTRA_ROLES}
              isSelf={person.id === adminId}
              save={saveUserAction}
              setActive={setActiveAction}
            />
          ))}
        </TableBox>
      )}
      <Pager
        page={page}
        total={total}
        pageSize={USERS_PAGE_SIZE}
        href={(p) => listHref("/admin/users", { q: query.q, role: query.role, status: query.status, page: p })}
        label="Pages of people"
      />
    </>
  );
}
