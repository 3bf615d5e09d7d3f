import { customAlphabet } from "nanoid";
import type { Network } from "@/db/schema";

/** 8 base62 characters ≈ 47 bits: short enough to type, too many to guess. */
export const newLinkCode = customAlphabet("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 8);
export const LINK_CODE = /^[0-9A-Za-z]{4,16}$/;

/**
 * The post's URL with the UTM tags (docs/product.md#sharing) merged into its own query string: the curator's other
 * parameters stay; utm_campaign is only replaced when the post belongs to a campaign.
 */
export function buildTargetUrl(
  postUrl: string,
  { network, code, campaignSlug }: { network: Network; code: string; campaignSlug?: string | null },
): string {
  const url = new URL(postUrl);
  const ours = new URLSearchParams({
    utm_source: network,
    utm_medium: "employee_advocacy",
    ...(campaignSlug ? { utm_campaign: campaignSlug } : {}),
    utm_content: code,
  });
  // The curator's own parameters are kept byte for byte (re-encoding would turn `?flag` into `?flag=`).
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair && !ours.has(queryKey(pair)));
  url.search = [...kept, ours.toString()].join("&");
  return url.href;
}

function queryKey(pair: string): string {
  const key = pair.split("=")[0]!.replace(/\+/g, " ");
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

export function shortUrl(origin: string, code: string): string {
  return `${origin.replace(/\/$/, "")}/s/${code}`;
}
