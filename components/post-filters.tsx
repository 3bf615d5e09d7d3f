import { Select } from "@/components/ui/select";

/** One drop-down of the feed's and the library's filters; `any` names the empty choice. */
function OptionFilter({
  label,
  name,
  value,
  any,
  options,
}: {
  label: string;
  name: string;
  value?: string | number;
  any: string;
  options: { value: string | number; label: string }[];
}) {
  return (
    <label className="block">
      <span className="font-medium text-slate-700">{label}</span>
      <Select name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </label>
  );
}

export function HashtagFilter({
  hashtags,
  value,
  any,
  label = "Hashtag",
}: {
  hashtags: string[];
  value?: string;
  any: string;
  label?: string;
}) {
  const options = hashtags.map((tag) => ({ value: tag, label: `#${tag}` }));
  return <OptionFilter label={label} name="hashtag" value={value} any={any} options={options} />;
}

export function CampaignFilter({
  campaigns,
  value,
  any,
  label = "Campaign",
}: {
  campaigns: { id: number; name: string }[];
  value?: number;
  any: string;
  label?: string;
}) {
  const options = campaigns.map((c) => ({ value: c.id, label: c.name }));
  return <OptionFilter label={label} name="campaign" value={value} any={any} options={options} />;
}
