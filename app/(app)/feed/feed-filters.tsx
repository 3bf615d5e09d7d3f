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
  return (
    <form
      method="get"
      className="mt-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4 sm:items-end"
    >
      <HashtagFilter hashtags={filters.hashtags} value={query.hashtag} any="All hashtags" />
      <CampaignFilter campaigns={filters.campaigns} value={query.campaign} any="All campaigns" />
      <label className="block">
        <span className="font-medium text-slate-700">Order</span>
        <Select name="order" defaultValue={query.order}>
          <option value="newest">Newest first</option>
          <option value="most_shared">Most shared first</option>
        </Select>
      </label>
      <div className="flex gap-2">
        <FilterButtons clearHref={filtered ? "/feed" : null} />
      </div>
    </form>
  );
}
