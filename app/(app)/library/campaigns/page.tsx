import type { Metadata } from "next";
import Link from "next/link";
import { LibraryNav } from "@/components/library-nav";
import { requirePermission } from "@/lib/auth";
import { listCampaigns } from "@/lib/campaigns";
import { can } from "@/lib/permissions";
import { createCampaignAction } from "./actions";
import { CampaignForm } from "./campaign-form";
import { formatDay, GoalProgress } from "./progress";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const user = await requirePermission("library.read", "/library/campaigns");
  const campaigns = await listCampaigns();
  const canWrite = can(user.roles, "posts.write");
  return (
    <>
      <LibraryNav user={user} current="campaigns" />
      <h1 className="text-2xl font-semibold">Campaigns</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">A campaign groups posts, names them in every tracked link (<code>utm_campaign</code>) and tracks counted clicks toward a goal.</p>
      {campaigns.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">No campaigns yet.</p>
      ) : (
        <ul className="mt-6 grid gap-3 sm:grid-cols-2">
          {campaigns.map((campaign) => (
            <li key={campaign.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="campaign-row">
              <Link href={`/library/campaigns/${campaign.id}`} className="font-medium text-indigo-800 hover:underline">{campaign.name}</Link>
              <p className="text-xs text-slate-500"><code>{campaign.slug}</code> · {formatDay(campaign.startsOn)} – {formatDay(campaign.endsOn)} · {campaign.posts} post{campaign.posts === 1 ? "" : "s"}</p>
              <div className="mt-3"><GoalProgress progress={campaign.progress} label={`Progress of ${campaign.name}`} /></div>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <section className="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-lg font-medium">New campaign</h2>
          <CampaignForm save={createCampaignAction} submitLabel="Create campaign" />
        </section>
      )}
    </>
  );
}
