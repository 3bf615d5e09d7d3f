import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { LibraryNav } from "@/components/library-nav";
import { ListLoading } from "@/components/list-loading";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth";
import { CAMPAIGNS_PAGE_SIZE, listCampaigns } from "@/lib/campaigns";
import { listHref, pageBeyondEnd, problemsOf, resolveSearchPage, type SearchParams } from "@/lib/filters";
import { can } from "@/lib/permissions";
import { createCampaignAction } from "./actions";
import { CampaignForm } from "./campaign-form";
import { formatDay, GoalProgress } from "./progress";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("library.read", "/library/campaigns");
  const { q, page, problems } = resolveSearchPage(await searchParams, "every campaign");
  const canWrite = can(user.roles, "posts.write");
  return (
    <>
      <LibraryNav user={user} current="campaigns" />
      <h1 className="text-2xl font-semibold">Campaigns</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        A campaign groups posts, names them in every tracked link (<code>utm_campaign</code>) and tracks counted clicks
        toward a goal.
      </p>
      <SearchForm action="/library/campaigns" label="Find campaigns" placeholder="Campaign name or slug" q={q} />
      <Suspense key={listHref("", { q, page })} fallback={<ListLoading what="campaigns" rows={4} />}>
        <CampaignList q={q} page={page} problems={problems} />
      </Suspense>
      {canWrite && (
        <section className="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 text-lg font-medium">New campaign</h2>
          <CampaignForm save={createCampaignAction} submitLabel="Create campaign" />
        </section>
      )}
    </>
  );
}

async function CampaignList({ q, page, problems }: { q?: string; page: number; problems: string[] }) {
  const { items: campaigns, total } = await listCampaigns({ q, page });
  return (
    <>
      <Problems problems={problemsOf(...problems, pageBeyondEnd(page, total, CAMPAIGNS_PAGE_SIZE))} />
      <p className="mt-4 text-sm text-slate-600" data-testid="campaign-total">
        {total.toLocaleString("en")} campaign{total === 1 ? "" : "s"}
        {q ? " match" : ""}
      </p>
      {total === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {q ? "No campaign matches." : "No campaigns yet."}
        </p>
      ) : (
        campaigns.length > 0 && (
          <ul className="mt-2 grid gap-3 sm:grid-cols-2" aria-label="Campaigns">
            {campaigns.map((campaign) => (
              <li
                key={campaign.id}
                className="rounded-lg border border-slate-200 bg-white p-4"
                data-testid="campaign-row"
              >
                <Link
                  href={`/library/campaigns/${campaign.id}`}
                  className="font-medium text-indigo-800 hover:underline"
                >
                  {campaign.name}
                </Link>
                <p className="text-xs text-slate-500">
                  <code>{campaign.slug}</code> · {formatDay(campaign.startsOn)} – {formatDay(campaign.endsOn)} ·{" "}
                  {campaign.posts} post{campaign.posts === 1 ? "" : "s"}
                </p>
                <div className="mt-3">
                  <GoalProgress progress={campaign.progress} label={`Progress of ${campaign.name}`} />
                </div>
              </li>
            ))}
          </ul>
        )
      )}
      <Pager
        page={page}
        total={total}
        pageSize={CAMPAIGNS_PAGE_SIZE}
        href={(p) => listHref("/library/campaigns", { q, page: p })}
        label="Pages of campaigns"
      />
    </>
  );
}
