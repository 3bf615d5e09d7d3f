import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/locale";
import { X_LIMIT, xLength } from "@/lib/share-intents";
import { FieldErrorList } from "./field-errors";
import type { FieldErrors, VariantTexts } from "./values";

// The texts of this part of the form, together so they move into the message files in one go.
const TEXT = {
  language: "Written in",
  languageHint: "The language of the title and texts above. Advocates who read another language see its variant.",
  variants: "Other languages",
  variantsHint: "Advocates whose language has no variant see the post as written above.",
  add: (name: string) => `Add ${name}`,
  remove: (name: string) => `Remove ${name}`,
  variant: (name: string) => `${name} variant`,
  title: (name: string) => `${name} title`,
  commentary: (name: string) => `${name} commentary`,
  linkedin: (name: string) => `${name} LinkedIn text`,
  x: (name: string) => `${name} X text`,
  facebook: (name: string) => `${name} Facebook text`,
  perNetworkHint: "Optional. Empty: the commentary of this language.",
  xHint: (length: number) => `${length} / ${X_LIMIT}. X counts any link as 23 characters.`,
  isDefault: (name: string) => `The post itself is now in ${name}: remove this variant or choose another language.`,
};

export type Variants = Partial<Record<Locale, VariantTexts>>;

const EMPTY: VariantTexts = {
  title: "",
  commentary: "",
  commentaryLinkedin: "",
  commentaryX: "",
  commentaryFacebook: "",
};

/** The post's own language. */
export function LanguageField({
  value,
  onChange,
  errors,
}: {
  value: Locale;
  onChange: (language: Locale) => void;
  errors?: string[];
}) {
  return (
    <SelectField
      label={TEXT.language}
      name="language"
      value={value}
      onChange={(e) => onChange(e.target.value as Locale)}
      errors={errors}
      hint={TEXT.languageHint}
    >
      {LOCALES.map((locale) => (
        <option key={locale} value={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * The variants in other languages, one fieldset each, sent as `variants.<language>.<field>` (lib/action.ts
 * nests them); a language without a fieldset has no variant, so removing one deletes it on save.
 */
export function VariantFields({
  language,
  variants,
  onChange,
  fields,
}: {
  language: Locale;
  variants: Variants;
  onChange: (variants: Variants) => void;
  fields: FieldErrors;
}) {
  const others = LOCALES.filter((locale) => locale !== language || variants[locale]);
  const missing = others.filter((locale) => !variants[locale]);
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">{TEXT.variants}</legend>
      <p className="text-xs text-slate-500">{TEXT.variantsHint}</p>
      <FieldErrorList errors={fields?.variants} />
      {others
        .filter((locale) => variants[locale])
        .map((locale) => (
          <Variant
            key={locale}
            locale={locale}
            isDefault={locale === language}
            texts={variants[locale]!}
            onChange={(texts) => onChange({ ...variants, [locale]: texts })}
            onRemove={() => {
              const { [locale]: _removed, ...rest } = variants;
              onChange(rest);
            }}
            fields={fields}
          />
        ))}
      {missing.length > 0 && (
        <div className="mt-3 flex flex-wrap gap-2">
          {missing.map((locale) => (
            <Button
              key={locale}
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => onChange({ ...variants, [locale]: EMPTY })}
            >
              {TEXT.add(LOCALE_NAMES[locale])}
            </Button>
          ))}
        </div>
      )}
    </fieldset>
  );
}

function Variant({
  locale,
  isDefault,
  texts,
  onChange,
  onRemove,
  fields,
}: {
  locale: Locale;
  isDefault: boolean;
  texts: VariantTexts;
  onChange: (texts: VariantTexts) => void;
  onRemove: () => void;
  fields: FieldErrors;
}) {
  const name = LOCALE_NAMES[locale];
  const field = (key: keyof VariantTexts) => ({
    name: `variants.${locale}.${key}`,
    lang: locale,
    value: texts[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...texts, [key]: e.target.value }),
    errors: fields?.[`variants.${locale}.${key}`],
  });
  const wholeErrors = fields?.[`variants.${locale}`];
  return (
    <fieldset className="mt-3 space-y-3 rounded-md border border-slate-200 p-3" data-testid={`variant-${locale}`}>
      <legend className="px-1 text-sm font-semibold text-slate-800">{TEXT.variant(name)}</legend>
      {isDefault && !wholeErrors && (
        <p role="alert" className="text-sm text-amber-900">
          {TEXT.isDefault(name)}
        </p>
      )}
      <FieldErrorList errors={wholeErrors} />
      <TextField label={TEXT.title(name)} maxLength={200} {...field("title")} />
      <TextAreaField label={TEXT.commentary(name)} rows={3} maxLength={3000} {...field("commentary")} />
      <TextAreaField
        label={TEXT.linkedin(name)}
        rows={2}
        maxLength={3000}
        hint={TEXT.perNetworkHint}
        {...field("commentaryLinkedin")}
      />
      <TextAreaField
        label={TEXT.x(name)}
        rows={2}
        hint={TEXT.xHint(texts.commentaryX ? xLength(texts.commentaryX) : 0)}
        {...field("commentaryX")}
      />
      <TextAreaField
        label={TEXT.facebook(name)}
        rows={2}
        maxLength={5000}
        hint={TEXT.perNetworkHint}
        {...field("commentaryFacebook")}
      />
      <Button type="button" variant="secondary" size="sm" onClick={onRemove}>
        {TEXT.remove(name)}
      </Button>
    </fieldset>
  );
}
