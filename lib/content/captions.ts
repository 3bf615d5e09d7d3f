import type { Network } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { suggestedCaption, type CaptionSource } from "@/lib/share-intents";

// Pure caption rules (no database), so the share panel in the browser pre-fills exactly what the server enforces.

/**
 * Letters from other scripts that look like Latin ones (Unicode's confusables, the ones seen in evasion):
 * both the caption and the blocked phrase are folded with the same map, so a Cyrillic "а" in "guаranteed"
 * cannot slip past, and a phrase written in Cyrillic still matches itself.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  һ: "h",
  і: "i",
  ї: "i",
  ј: "j",
  к: "k",
  ӏ: "l",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  ԛ: "q",
  с: "c",
  ѕ: "s",
  т: "t",
  у: "y",
  ԝ: "w",
  х: "x",
  ԁ: "d",
  ь: "b",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ϲ: "c",
  ϳ: "j",
  // Latin variants
  ı: "i",
  ɑ: "a",
  ɡ: "g",
  ɩ: "i",
  ʀ: "r",
  ᴅ: "d",
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "gu");

/**
 * What matching compares: NFKC (full-width, ligatures, mathematical letters become plain ones), invisible
 * format characters (zero-width spaces, soft hyphens) removed, full case folding, look-alikes folded.
 */
export function foldForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .toUpperCase()
    .toLowerCase()
    .replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter] ?? letter)
    .normalize("NFKC");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A word's edges are where letters, digits and marks of any script stop, so "class" does not match "classic".
const WORD = "[\\p{L}\\p{N}\\p{M}_]";

// Scripts written without spaces between words: there a phrase matches wherever it stands.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

function phrasePattern(phrase: string): RegExp | null {
  const words = foldForMatching(phrase).split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const body = words.map(escapeRegExp).join("\\s+");
  const before = UNSPACED.test(words[0]!.charAt(0)) ? "" : `(?<!${WORD})`;
  const after = UNSPACED.test(words.at(-1)!.slice(-1)) ? "" : `(?!${WORD})`;
  return new RegExp(`${before}${body}${after}`, "u");
}

/** The first blocked word or phrase the caption uses as whole words, as the admin wrote it; null if none. */
export function findBlockedWord(caption: string, blocked: readonly string[]): string | null {
  const folded = foldForMatching(caption);
  return blocked.find((phrase) => phrasePattern(phrase)?.test(folded)) ?? null;
}

/** The caption with the disclosure appended, unless it already carries it (as whole words, anywhere). */
export function withDisclosure(caption: string, disclosure: string): string {
  const required = disclosure.trim();
  if (!required || phrasePattern(required)?.test(foldForMatching(caption))) return caption;
  return [caption.trim(), required].filter(Boolean).join(" ");
}

/** What the share panel pre-fills for a network: the post's caption for it, disclosure appended. */
export function prefilledCaption(post: CaptionSource, network: Network, disclosure: string): string {
  return withDisclosure(suggestedCaption(post, network), disclosure);
}

export type CompliancePost = CaptionSource & { captionLocked: boolean };
export type ComplianceRules = { blockedWords: readonly string[]; disclosure: string };

/**
 * The caption a share goes out with, whatever the client sent: a locked post's own caption only, the
 * disclosure always appended, and no blocked word. Throws a DomainError naming the `caption` field.
 */
export function enforceCaption(
  post: CompliancePost,
  network: Network,
  edited: string | undefined,
  rules: ComplianceRules,
): string {
  const prefilled = prefilledCaption(post, network, rules.disclosure);
  const sent = edited?.trim();
  if (post.captionLocked && sent && sent !== prefilled.trim() && sent !== suggestedCaption(post, network).trim()) {
    throw new DomainError("invalid", "This post's caption is locked: share it as written.", {
      caption: ["The caption of this post is locked and cannot be changed"],
    });
  }
  const caption = withDisclosure(post.captionLocked ? prefilled : sent || prefilled, rules.disclosure);
  const blocked = findBlockedWord(caption, rules.blockedWords);
  if (blocked) {
    throw new DomainError("invalid", `The caption uses “${blocked}”, which your company does not allow.`, {
      caption: [`Remove “${blocked}”: it is on your company's list of blocked words`],
    });
  }
  return caption;
}
