import { FilterButtons } from "@/components/ui/filter-buttons";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ListLoading } from "@/components/list-loading";
import { LocalDate } from "@/components/local-date";
import { LogPager } from "@/components/report/log-pager";
import { Problems } from "@/components/report/problems";
import { Empty } from "@/components/report/section";
import { AUDIT_PAGE_SIZE, auditAction, auditActions, listAuditEvents } from "@/lib/audit";
import { requirePermission } from "@/lib/auth";
import { listHref, problemsOf, resolveCursor, resolveParam, type Cursor, type SearchParams } from "@/lib/filters";
import { Select } from "@/components/ui/select";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("admin.manage", "/admin/audit");
  const params = await searchParams;
  const filter = resolveParam(
    params.action,
    auditAction,
    (value) => `“${value}” is not an action of the audit trail. Showing every action.`,
  );
  const action = filter.value;
  const { cursor, problem } = resolveCursor(params);
  const held = await auditActions();
  // An action asked for by a link (the settings page's) stays selectable before it has happened.
  const actions = action && !held.includes(action) ? [...held, action].sort() : held;
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="mt-1 text-sm text-slate-600">Every admin change, newest first, {AUDIT_PAGE_SIZE} to a page.</p>
      <search aria-label="Filter the audit trail">
        <form method="get" action="/admin/audit" className="mt-4 flex flex-wrap items-end gap-2 text-sm">
          <label className="block">
            <span className="font-medium text-slate-700">Action</span>
            <Select name="action" defaultValue={action ?? ""} className="mt-1 block">
              <option value="">Every action</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </Select>
          </label>
          <FilterButtons label="Show" clearHref={action ? "/admin/audit" : null} />
        </form>
      </search>
      <Problems problems={problemsOf(filter.problem, problem)} />
      <Suspense key={listHref("", { action, ...cursor })} fallback={<ListLoading what="the audit trail" />}>
        <AuditEvents action={action} cursor={cursor} />
      </Suspense>
    </>
  );
}

async function AuditEvents({ action, cursor }: { action?: string; cursor: Cursor }) {
  const { items, newer, older } = await listAuditEvents({ cursor, action });
  const paged = cursor.before !== undefined || cursor.after !== undefined;
  return (
    <>
      {items.length === 0 ? (
        <Empty>
          {paged ? (
            <>
              No entries this way.{" "}
              <Link href={listHref("/admin/audit", { action })} className="text-indigo-700 underline">
                Show the newest
              </Link>
            </>
          ) : action ? (
            `No ${action} events yet.`
          ) : (
            "No admin changes yet."
          )}
        </Empty>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" aria-label="Audit events">
          {items.map((event) => (
            <li key={event.id} className="py-2" data-testid="audit-event">
              <p>
                <span className="font-medium">{event.action}</span>{" "}
                {event.target && <span className="text-slate-500">{event.target}</span>} by{" "}
                {event.actor ?? "the system"} · <LocalDate value={event.createdAt} />
              </p>
              {event.details != null && (
                <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all text-xs text-slate-600">
                  {JSON.stringify(event.details)}
                </pre>
              )}
            </li>
          ))}
        </ul>
      )}
      <LogPager
        newer={newer}
        older={older}
        href={(c) => listHref("/admin/audit", { action, ...c })}
        label="Pages of the audit trail"
      />
    </>
  );
}
