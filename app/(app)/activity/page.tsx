import type { Metadata } from "next";
import { LocalDate } from "@/components/local-date";
import { requirePermission } from "@/lib/auth";
import { listColleagueShares } from "@/lib/reshares";

export const metadata: Metadata = { title: "Activity" };

const NETWORKS = [
  { network: "linkedin", label: "LinkedIn" },
  { network: "x", label: "X" },
  { network: "facebook", label: "Facebook" },
] as const;
const NETWORK_NAMES: Record<string, string> = { linkedin: "LinkedIn", x: "X", facebook: "Facebook", email: "email", copy: "a copied link" };

export default async function ActivityPage() {
  const user = await requirePermission("posts.share", "/activity");
  const items = await listColleagueShares(user);
  return (
    <>
      <h1 className="text-2xl font-semibold">Activity</h1>
      <p className="mt-1 text-sm text-slate-600">What colleagues shared lately. Reshare theirs and they are credited with a reshare.</p>
      {items.length === 0 && <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">No colleague has shared anything in the last 30 days.</p>}
      <ul className="mt-6 space-y-3">
        {items.map((item) => (
          <li key={item.linkId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="activity-item">
            <p className="text-sm text-slate-600">
              <span className="font-medium text-slate-900">{item.colleague}</span>
              {item.team && <> ({item.team})</>} shared on {NETWORK_NAMES[item.network] ?? item.network} · <LocalDate value={item.sharedAt} />
            </p>
            <p className="mt-1 font-semibold">{item.title}</p>
            <form method="post" action="/api/reshare" target="_blank" className="mt-3 flex flex-wrap gap-2">
              <input type="hidden" name="parentLinkId" value={item.linkId} />
              {NETWORKS.map((n) => (
                <button key={n.network} type="submit" name="network" value={n.network} className="rounded-md border border-indigo-700 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-50">
                  Reshare on {n.label}
                </button>
              ))}
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
