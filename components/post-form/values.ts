import type { Locale } from "@/lib/locale";

export type PostFormValues = {
  id?: number;
  title: string;
  url: string;
  commentary: string;
  commentaryLinkedin: string | null;
  commentaryX: string | null;
  commentaryFacebook: string | null;
  language?: Locale;
  variants?: Partial<Record<Locale, VariantFields>>;
  hashtags: string[];
  campaignId: number | null;
  audience: "all" | "teams";
  teamIds: number[];
  publishAt: string | null;
  expireAt: string | null;
  imageUrl: string | null;
  captionLocked?: boolean;
  status?: string;
};

export type PostFormOptions = {
  hashtags: string[];
  campaigns: { id: number; name: string }[];
  teams: { id: number; name: string }[];
};

/** The texts the form keeps in state, for the preview beside it. */
export type TextValues = {
  title: string;
  url: string;
  commentary: string;
  commentaryLinkedin: string;
  commentaryX: string;
  commentaryFacebook: string;
  hashtags: string;
};

/** A variant as saved (per-network texts may be null). */
type VariantFields = {
  title: string;
  commentary: string;
  commentaryLinkedin: string | null;
  commentaryX: string | null;
  commentaryFacebook: string | null;
};

/** A variant's texts as the form keeps them. */
export type VariantTexts = { [K in keyof VariantFields]: string };

/** The saved variants as the form keeps them. */
export function initialVariants(initial: PostFormValues | undefined): Partial<Record<Locale, VariantTexts>> {
  return Object.fromEntries(
    Object.entries(initial?.variants ?? {}).map(([locale, variant]) => [
      locale,
      {
        title: variant.title,
        commentary: variant.commentary,
        commentaryLinkedin: variant.commentaryLinkedin ?? "",
        commentaryX: variant.commentaryX ?? "",
        commentaryFacebook: variant.commentaryFacebook ?? "",
      },
    ]),
  );
}

export type FieldErrors = Record<string, string[] | undefined> | undefined;

/** Binds a text field to one key of the form's values. */
export type Bind = (key: keyof TextValues) => (e: { target: { value: string } }) => void;

export function initialTexts(initial: PostFormValues | undefined): TextValues {
  return {
    title: initial?.title ?? "",
    url: initial?.url ?? "",
    commentary: initial?.commentary ?? "",
    commentaryLinkedin: initial?.commentaryLinkedin ?? "",
    commentaryX: initial?.commentaryX ?? "",
    commentaryFacebook: initial?.commentaryFacebook ?? "",
    hashtags: initial?.hashtags.join(" ") ?? "",
  };
}

/** The hashtags as typed, as the preview shows them: split on commas or spaces, without `#`, lower case. */
export function parseHashtags(typed: string): string[] {
  return typed
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, "").toLowerCase())
    .filter(Boolean);
}
