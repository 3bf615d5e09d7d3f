import { Button } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ListLoading } from "@/components/list-loading";
import { LocalDate } from "@/components/local-date";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { requirePermission, type SessionUser } from "@/lib/auth";
import { listHref, pageBeyondEnd, pageOf, problemsOf, resolveParam, type SearchParams } from "@/lib/filters";
import { postId as postIdParam } from "@/lib/validation";
import { ACTIVITY_DAYS, ACTIVITY_PAGE_SIZE, listColleagueShares } from "@/lib/reshares";

export const metadata: Metadata = { title: "Activity" };

const NETWORKS = [
  { network: "linkedin", label: "LinkedIn" },
  { network: "x", label: "X" },
  { network: "facebook", label: "Facebook" },
] as const;
const NETWORK_NAMES: Record<string, string> = {
  linkedin: "LinkedIn",
  x: "X",
  facebook: "Facebook",
  email: "email",
  copy: "a copied link",
};

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("posts.share", "/activity");
  const params = await searchParams;
  const post = resolveParam(
    params.post,
    postIdParam,
    () => "That is not a post of the feed: showing every colleague's share.",
  );
  const { page, problem } = pageOf(params);
  return (
    <>
      <h1 className="text-2xl font-semibold">Activity</h1>
      <Suspense key={listHref("", { post: post.value, page })} fallback={<ListLoading what="colleagues' shares" />}>
        <ColleagueShares advocate={user} postId={post.value} page={page} problems={problemsOf(post.problem, problem)} />
      </Suspense>
    </>
  );
}

async function ColleagueShares({
  advocate,
  postId,
  page,
  problems,
}: {
  advocate: SessionUser;
  postId: number | undefined;
  page: number;
  problems: string[];
}) {
  const { items, total } = await listColleagueShares(advocate, { page, postId });
  return (
    <>
      {postId && (
        <p className="mt-1 text-sm text-slate-600" data-testid="activity-filter">
          Only the shares of {items[0] ? <>“{items[0].title}”</> : "one post"}.{" "}
          <Link href="/activity" className="text-indigo-700 underline">
            Show every post
          </Link>
        </p>
      )}
      <p className="mt-1 text-sm text-slate-600">
        What colleagues shared in the last {ACTIVITY_DAYS} days, newest first
        {total > 0 && (
          <>
            {" "}
            (
            <span data-testid="activity-total">
              {total.toLocaleString("en")} share{total === 1 ? "" : "s"}
            </span>
            )
          </>
        )}
        . Reshare theirs and they are credited with a reshare.
      </p>
      <Problems problems={[...problems, ...problemsOf(pageBeyondEnd(page, total, ACTIVITY_PAGE_SIZE))]} />
      {total === 0 && (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {postId ? "No colleague has shared this post" : "No colleague has shared anything"} in the last{" "}
          {ACTIVITY_DAYS} days.
        </p>
      )}
      {items.length > 0 && (
        <ul className="mt-6 space-y-3" aria-label="Colleagues' shares">
          {items.map((item) => (
            <li
              key={item.linkId}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
              data-testid="activity-item"
            >
              <p className="text-sm text-slate-600">
                <span className="font-medium text-slate-900">{item.colleague}</span>
                {item.team && <> ({item.team})</>} shared on {NETWORK_NAMES[item.network] ?? item.network} ·{" "}
                <LocalDate value={item.sharedAt} />
              </p>
              <p className="mt-1 font-semibold">{item.title}</p>
              <form
                method="post"
                action="/api/reshare"
                target="_blank"
                rel="noopener"
                className="mt-3 flex flex-wrap gap-2"
              >
                <input type="hidden" name="parentLinkId" value={item.linkId} />
                {NETWORKS.map((n) => (
                  <Button key={n.network} type="submit" name="network" value={n.network} variant="outline" size="xs">
                    Reshare on {n.label}
                  </Button>
                ))}
              </form>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={page}
        total={total}
        pageSize={ACTIVITY_PAGE_SIZE}
        href={(p) => listHref("/activity", { post: postId, page: p })}
        label="Pages of colleagues' shares"
      />
    </>
  );
}
