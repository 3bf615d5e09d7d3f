import type { Metadata } from "next";
import { LocalDate } from "@/components/local-date";
import { listAuditEvents } from "@/lib/admin";
import { requirePermission } from "@/lib/auth";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

export default async function AuditPage() {
  await requirePermission("admin.manage", "/admin/audit");
  const events = await listAuditEvents(100);
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="mt-1 text-sm text-slate-600">The latest 100 admin changes, newest first.</p>
      <ul className="mt-4 divide-y divide-slate-100 text-sm">
        {events.map((event) => (
          <li key={event.id} className="py-2" data-testid="audit-event">
            <p><span className="font-medium">{event.action}</span> {event.target && <span className="text-slate-500">{event.target}</span>} by {event.actor ?? "the system"} · <LocalDate value={event.createdAt} /></p>
            {event.details != null && <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all text-xs text-slate-600">{JSON.stringify(event.details)}</pre>}
          </li>
        ))}
      </ul>
    </>
  );
}
