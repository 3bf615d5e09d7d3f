import { Select } from "@/components/ui/select";

/** The hashtag drop-down of the feed's and the library's filters. */
export function HashtagFilter({ hashtags, value, any }: { hashtags: string[]; value?: string; any: string }) {
  return (
    <label className="block">
      <span className="font-medium text-slate-700">Hashtag</span>
      <Select name="hashtag" defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {hashtags.map((tag) => (
          <option key={tag} value={tag}>
            #{tag}
          </option>
        ))}
      </Select>
    </label>
  );
}

/** The campaign drop-down of the feed's and the library's filters. */
export function CampaignFilter({
  campaigns,
  value,
  any,
}: {
  campaigns: { id: number; name: string }[];
  value?: number;
  any: string;
}) {
  return (
    <label className="block">
      <span className="font-medium text-slate-700">Campaign</span>
      <Select name="campaign" defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
    </label>
  );
}
