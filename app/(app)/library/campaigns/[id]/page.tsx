import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LibraryNav } from "@/components/library-nav";
import { StatusBadge } from "@/components/status-badge";
import { requirePermission } from "@/lib/auth";
import { getCampaign } from "@/lib/campaigns";
import { can } from "@/lib/permissions";
import { postId } from "@/lib/validation";
import { updateCampaignAction } from "../actions";
import { CampaignForm } from "../campaign-form";
import { formatDay, GoalProgress } from "../progress";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePermission("library.read", `/library/campaigns/${encodeURIComponent(id)}`);
  const parsed = postId.safeParse(id);
  if (!parsed.success || parsed.data > 2 ** 31 - 1) notFound();
  const campaign = await getCampaign(parsed.data);
  if (!campaign) notFound();
  const canWrite = can(user.roles, "posts.write");
  return (
    <>
      <LibraryNav user={user} current="campaigns" />
      <p className="text-sm">
        <Link href="/library/campaigns" className="text-indigo-700 hover:underline">
          ← Campaigns
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{campaign.name}</h1>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
        <div>
          <dt className="inline">utm_campaign: </dt>
          <dd className="inline">
            <code data-testid="campaign-slug">{campaign.slug}</code>
          </dd>
        </div>
        <div>
          <dt className="inline">Runs: </dt>
          <dd className="inline">
            {formatDay(campaign.startsOn)} – {formatDay(campaign.endsOn)}
          </dd>
        </div>
      </dl>
      <section className="mt-6 max-w-2xl">
        <h2 className="text-lg font-medium">Progress</h2>
        <div className="mt-2">
          <GoalProgress progress={campaign.progress} label={`Progress of ${campaign.name} toward its click goal`} />
        </div>
      </section>
      <section className="mt-8">
        <h2 className="text-lg font-medium">
          Posts <span className="text-slate-500">{campaign.posts.length}</span>
        </h2>
        {campaign.posts.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">
            No posts in this campaign yet. Choose the campaign on a post, or give its slug in the campaign column of an
            import.
          </p>
        ) : (
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-4 py-2 font-medium">Title</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 text-right font-medium">Shares</th>
                  <th className="px-4 py-2 text-right font-medium">Counted clicks</th>
                </tr>
              </thead>
              <tbody>
                {campaign.posts.map((post) => (
                  <tr key={post.id} className="border-t border-slate-100" data-testid="campaign-post">
                    <td className="px-4 py-2">
                      <Link href={`/library/${post.id}`} className="hover:underline">
                        {post.title}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <StatusBadge status={post.status} />
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{post.shares}</td>
                    <td className="px-4 py-2 text-right tabular-nums">{post.countedClicks}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canWrite && (
        <section className="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-lg font-medium">Edit campaign</h2>
          <CampaignForm
            save={updateCampaignAction}
            campaignId={campaign.id}
            submitLabel="Save campaign"
            initial={{
              name: campaign.name,
              slug: campaign.slug,
              startsOn: campaign.startsOn ?? "",
              endsOn: campaign.endsOn ?? "",
              clickGoal: campaign.clickGoal ? String(campaign.clickGoal) : "",
            }}
          />
        </section>
      )}
    </>
  );
}
