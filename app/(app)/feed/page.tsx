import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/pagination";
import { Problems } from "@/components/report/problems";
import { RunningChallenges } from "@/components/recognition/running-challenges";
import { requirePermission } from "@/lib/auth";
import { droppedParams } from "@/lib/filters";
import { feedFilters, listFeed, PAGE_SIZE } from "@/lib/posts";
import { getSettings } from "@/lib/settings";
import { requestLanguage } from "@/lib/user-language";
import { feedQuery } from "@/lib/validation";
import { FeedFilters } from "./feed-filters";
import { FeedPost } from "./feed-post";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Feed"))("title") };
}

export default async function FeedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePermission("feed.read", "/feed");
  const raw = await searchParams;
  const query = feedQuery.parse(raw);
  const language = await requestLanguage(user);
  const [{ items, total }, filters, { disclosure }] = await Promise.all([
    listFeed(
      user,
      { page: query.page, hashtag: query.hashtag, campaignId: query.campaign, order: query.order },
      language,
    ),
    feedFilters(user),
    getSettings(),
  ]);
  const filtered = !!(query.hashtag || query.campaign);
  const t = await getTranslations("Feed");
  const href = (page: number) => {
    const params = new URLSearchParams({ page: String(page), order: query.order });
    if (query.hashtag) params.set("hashtag", query.hashtag);
    if (query.campaign) params.set("campaign", String(query.campaign));
    return `/feed?${params}`;
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <Problems problems={droppedParams(feedQuery, raw)} />
      <RunningChallenges user={user} />
      <FeedFilters query={query} filters={filters} filtered={filtered} />
      {items.length === 0 && (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {filtered ? t("noMatch") : t("empty")}
        </p>
      )}
      <ul className="mt-6 space-y-4">
        {items.map((post) => (
          <FeedPost key={post.id} post={post} disclosure={disclosure} />
        ))}
      </ul>
      <Pagination page={query.page} total={total} pageSize={PAGE_SIZE} href={href} />
    </>
  );
}
