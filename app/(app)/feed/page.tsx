import type { Metadata } from "next";
import Link from "next/link";
import { LocalDate } from "@/components/local-date";
import { Pagination } from "@/components/pagination";
import { Problems } from "@/components/report/problems";
import { RunningChallenges } from "@/components/recognition/running-challenges";
import { ShareDialog } from "@/components/share-dialog";
import { requirePermission } from "@/lib/auth";
import { droppedParams } from "@/lib/filters";
import { feedFilters, listFeed, PAGE_SIZE } from "@/lib/posts";
import { getSettings } from "@/lib/settings";
import { NETWORK_NAMES } from "@/lib/share-intents";
import { feedQuery } from "@/lib/validation";
import { copyLink } from "./actions";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";

export const metadata: Metadata = { title: "Feed" };

export default async function FeedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePermission("feed.read", "/feed");
  const raw = await searchParams;
  const query = feedQuery.parse(raw);
  const [{ items, total }, filters, { disclosure }] = await Promise.all([
    listFeed(user, { page: query.page, hashtag: query.hashtag, campaignId: query.campaign, order: query.order }),
    feedFilters(user),
    getSettings(),
  ]);
  const filtered = !!(query.hashtag || query.campaign);
  const href = (page: number) => {
    const params = new URLSearchParams({ page: String(page), order: query.order });
    if (query.hashtag) params.set("hashtag", query.hashtag);
    if (query.campaign) params.set("campaign", String(query.campaign));
    return `/feed?${params}`;
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">Feed</h1>
      <p className="mt-1 text-sm text-slate-600">
        Approved posts to share. Every counted click on your link earns you points.
      </p>
      <Problems problems={droppedParams(feedQuery, raw)} />
      <RunningChallenges user={user} />
      <form
        method="get"
        className="mt-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 sm:items-end"
      >
        <label className="block">
          <span className="font-medium text-slate-700">Hashtag</span>
          <Select name="hashtag" defaultValue={query.hashtag ?? ""}>
            <option value="">All hashtags</option>
            {filters.hashtags.map((tag) => (
              <option key={tag} value={tag}>
                #{tag}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="font-medium text-slate-700">Campaign</span>
          <Select name="campaign" defaultValue={query.campaign ?? ""}>
            <option value="">All campaigns</option>
            {filters.campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="font-medium text-slate-700">Order</span>
          <Select name="order" defaultValue={query.order}>
            <option value="newest">Newest first</option>
            <option value="most_shared">Most shared first</option>
          </Select>
        </label>
        <div className="flex gap-2">
          <Button type="submit" variant="neutral">
            Apply
          </Button>
          {filtered && (
            <Link href="/feed" className="rounded-md border border-slate-300 px-4 py-2">
              Clear
            </Link>
          )}
        </div>
      </form>
      {items.length === 0 && (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {filtered
            ? "No live posts match these filters."
            : "Nothing to share right now. New posts appear here as soon as they are approved."}
        </p>
      )}
      <ul className="mt-6 space-y-4">
        {items.map((post) => (
          <li
            key={post.id}
            className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
            data-testid="feed-post"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">{post.title}</h2>
              <span className="text-xs text-slate-500">
                <LocalDate value={post.publishedAt} /> ·{" "}
                {post.totalShares > 0 ? (
                  <Link href={`/activity?post=${post.id}`} className="underline hover:text-indigo-700">
                    shared {post.totalShares}×
                  </Link>
                ) : (
                  <>shared 0×</>
                )}
              </span>
            </div>
            <a
              href={post.url}
              className="break-all text-sm text-indigo-700 underline"
              rel="noopener noreferrer"
              target="_blank"
            >
              {post.url}
            </a>
            <p className="mt-1 text-xs text-slate-500">
              {post.hashtags.map((t) => `#${t}`).join(" ")}
              {post.campaign && <> · Campaign: {post.campaign}</>}
              {post.suggestedBy && <span data-testid="suggested-by"> · Suggested by {post.suggestedBy}</span>}
            </p>
            {post.sharedTo.length > 0 && (
              <p
                className="mt-2 inline-block rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800"
                data-testid="shared-badge"
              >
                You shared this ({post.sharedTo.map((n) => NETWORK_NAMES[n]).join(", ")})
              </p>
            )}
            <ShareDialog post={post} copyLink={copyLink} disclosure={disclosure} />
          </li>
        ))}
      </ul>
      <Pagination page={query.page} total={total} pageSize={PAGE_SIZE} href={href} />
    </>
  );
}
