import { parseFeed } from "feedsmith";
import { parse } from "node-html-parser";

/** One entry of a feed, as the inbox stores it: `key` (guid, else link) is what a later poll skips it by. */
export type FeedItem = { key: string; url: string; title: string | null; summary: string | null };

export type ReadFeed = { items: FeedItem[]; skipped: number };

/** The newest items a poll looks at; a feed listing thousands only adds its head. */
const MAX_ITEMS = 100;
const KEY_MAX = 500;

export class FeedFormatError extends Error {}

type Entry = { key?: string; link?: string; title?: string; summary?: string };

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom document with feedsmith. Items whose link is missing or not an
 * http(s) URL are skipped and counted; relative links resolve against the feed's address.
 */
export function readFeed(body: Buffer, feedUrl: URL): ReadFeed {
  const entries = parseEntries(new TextDecoder().decode(body));
  const items: FeedItem[] = [];
  let skipped = 0;
  for (const entry of entries.slice(0, MAX_ITEMS)) {
    const url = httpUrl(entry.link, feedUrl);
    if (!url) {
      skipped++;
      continue;
    }
    items.push({
      key: (entry.key?.trim() || url).slice(0, KEY_MAX),
      url,
      title: plain(entry.title, 200),
      summary: plain(entry.summary, 1000),
    });
  }
  return { items, skipped };
}

function parseEntries(xml: string): Entry[] {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(xml);
  } catch {
    throw new FeedFormatError("The feed is not RSS or Atom (it could not be read as a feed)");
  }
  switch (parsed.format) {
    case "rss":
    case "rdf":
      return (parsed.feed.items ?? []).map((item) => ({
        key: "guid" in item ? item.guid?.value : undefined,
        link: item.link,
        title: item.title,
        summary: item.description,
      }));
    case "atom":
      return (parsed.feed.entries ?? []).map((entry) => ({
        key: entry.id,
        link: (entry.links?.find((link) => !link.rel || link.rel === "alternate") ?? entry.links?.[0])?.href,
        title: entry.title?.value,
        summary: entry.summary?.value ?? entry.content?.value,
      }));
    default:
      throw new FeedFormatError("The feed is not RSS or Atom (JSON Feed is not supported)");
  }
}

function httpUrl(link: string | undefined, base: URL): string | null {
  if (!link?.trim()) return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Feed text may carry HTML: the inbox shows it as plain text, one line of spaces, cut to `max`. */
function plain(value: string | undefined, max: number): string | null {
  if (!value) return null;
  const text = parse(value)
    .textContent.replace(/[\u0000-\u001F\u007F\s]+/g, " ")
    .trim();
  return text ? text.slice(0, max) : null;
}
