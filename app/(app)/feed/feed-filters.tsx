import { useTranslations } from "next-intl";
import { FilterButtons } from "@/components/ui/filter-buttons";
import { CampaignFilter, HashtagFilter } from "@/components/post-filters";
import { Select } from "@/components/ui/select";
import type { feedFilters } from "@/lib/posts";
import type { feedQuery } from "@/lib/validation";

type Query = ReturnType<typeof feedQuery.parse>;

export function FeedFilters({
  query,
  filters,
  filtered,
}: {
  query: Query;
  filters: Awaited<ReturnType<typeof feedFilters>>;
  filtered: boolean;
}) {
  const t = useTranslations("Feed");
  return (
    <form
      method="get"
      className="mt-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 sm:items-end"
    >
      <HashtagFilter hashtags={filters.hashtags} value={query.hashtag} any={t("allHashtags")} label={t("hashtag")} />
      <CampaignFilter
        campaigns={filters.campaigns}
        value={query.campaign}
        any={t("allCampaigns")}
        label={t("campaignFilter")}
      />
      <label className="block">
        <span className="font-medium text-slate-700">{t("order")}</span>
        <Select name="order" defaultValue={query.order}>
          <option value="newest">{t("newest")}</option>
          <option value="most_shared">{t("mostShared")}</option>
        </Select>
      </label>
      <div className="flex gap-2">
        <FilterButtons clearHref={filtered ? "/feed" : null} />
      </div>
    </form>
  );
}
