import type { Network } from "@/db/schema";

/** Network names as every screen writes them. */
export const NETWORK_NAMES: Record<Network, string> = {
  linkedin: "LinkedIn",
  x: "X",
  facebook: "Facebook",
  email: "Email",
  copy: "Copied link",
};

export const X_LIMIT = 280;
/** X shortens every link to t.co, so any link counts as 23 characters. */
export const X_LINK_LENGTH = 23;

/** Commentary with the post's hashtags appended (those not already written in it). */
export function composeCaption(commentary: string, hashtags: string[]): string {
  const present = new Set((commentary.match(/#[\p{L}\p{N}_]+/gu) ?? []).map((tag) => tag.slice(1).toLowerCase()));
  const extra = hashtags.filter((tag) => !present.has(tag.toLowerCase())).map((tag) => `#${tag}`);
  return [commentary.trim(), extra.join(" ")].filter(Boolean).join(" ");
}

export type CaptionSource = {
  commentary: string;
  commentaryLinkedin?: string | null;
  commentaryX?: string | null;
  commentaryFacebook?: string | null;
  hashtags: string[];
};

/** The suggested caption for a network: the post's variant for it (else its commentary), hashtags appended. */
export function suggestedCaption(post: CaptionSource, network: Network): string {
  const variant =
    (network === "linkedin" && post.commentaryLinkedin) ||
    (network === "x" && post.commentaryX) ||
    (network === "facebook" && post.commentaryFacebook) ||
    post.commentary;
  return composeCaption(variant, post.hashtags);
}

/** The length X counts for a post of `text` plus one link. */
export function xLength(text: string): number {
  const withoutUrls = text.replace(/https?:\/\/\S+/g, () => "x".repeat(X_LINK_LENGTH));
  return [...withoutUrls].length + (text.trim() ? 1 : 0) + X_LINK_LENGTH;
}

/** The network's own share page (docs/product.md#sharing): native share intents convert better than API posting. */
export function shareIntentUrl(network: Network, link: string, text: string, title: string): string | null {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  switch (network) {
    case "linkedin":
      return `https://www.linkedin.com/feed/?${q({ shareActive: "true", text: `${text}\n\n${link}`.trim() })}`;
    case "x":
      return `https://x.com/intent/post?${q({ text, url: link })}`;
    case "facebook":
      // Facebook's policy forbids pre-filling the user's text: only the link goes along.
      return `https://www.facebook.com/sharer/sharer.php?${q({ u: link })}`;
    case "email":
      return `mailto:?${q({ subject: title, body: `${text}\n\n${link}`.trim() }).replace(/\+/g, "%20")}`;
    case "copy":
      return null;
  }
}
