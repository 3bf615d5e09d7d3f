import { Select } from "@/components/ui/select";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/locale";

// The texts of the library's language parts, together so they move into the message files in one go.
const TEXT = {
  filter: "Lacks a language",
  any: "Any",
  missing: (names: string) => `Missing: ${names}`,
  missingTitle: "Advocates reading these languages see the post in its own language",
};

/** "Missing: Deutsch, Español": the languages a post has neither as its own nor as a variant. */
export function MissingLanguages({ languages }: { languages: Locale[] }) {
  if (!languages.length) return null;
  return (
    <p className="mt-1">
      <span
        className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900"
        title={TEXT.missingTitle}
        data-testid="missing-languages"
      >
        {TEXT.missing(languages.map((locale) => LOCALE_NAMES[locale]).join(", "))}
      </span>
    </p>
  );
}

/** Only the posts with no text in one language. */
export function LackingFilter({ value }: { value?: Locale }) {
  return (
    <label className="block">
      <span className="font-medium text-slate-700">{TEXT.filter}</span>
      <Select name="lacking" defaultValue={value ?? ""}>
        <option value="">{TEXT.any}</option>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </Select>
    </label>
  );
}
