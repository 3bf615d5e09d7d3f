import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { parse } from "node-html-parser";
import { DomainError } from "@/lib/errors";
import { MAX_IMAGE_BYTES, storeImageBytes } from "@/lib/images";
import { filteringAgents } from "@/lib/outbound";

/** Each download (the page, then its image), redirects included, must be done within this. */
const TIMEOUT_MS = 5_000;
/** The meta tags are in the <head>: a longer page is cut here and what arrived is read. */
const MAX_PAGE_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "Mozilla/5.0 (compatible; Chorus/0.1; link preview)";

// og:image first in any of its spellings, then the Twitter card's image.
const IMAGE_META = [
  'meta[property="og:image" i]',
  'meta[property="og:image:url" i]',
  'meta[property="og:image:secure_url" i]',
  'meta[name="og:image" i]',
  'meta[name="twitter:image" i]',
  'meta[name="twitter:image:src" i]',
  'meta[property="twitter:image" i]',
];

function unusable(reason: string): DomainError {
  return new DomainError("invalid", "The link's preview image could not be used", { image: [reason] });
}

/**
 * Takes a post's image from its link (docs/product.md#library): fetches the page, finds its og:image (else
 * twitter:image), downloads that and stores it exactly like an upload (type by content, size cap). Returns the stored
 * URL; throws a DomainError naming the `image` field, with nothing stored, when any step fails.
 */
export async function storePreviewImage(pageUrl: string): Promise<string> {
  const agents = filteringAgents();
  try {
    const page = await download(new URL(pageUrl), agents, {
      subject: "The link",
      accept: "text/html,application/xhtml+xml",
      maxBytes: MAX_PAGE_BYTES,
      overCap: "truncate",
    });
    if (page.contentType && !/^(text\/html|application\/xhtml\+xml)\b/i.test(page.contentType))
      throw unusable("The link is not a web page, so it has no preview image");
    const imageUrl = findPreviewImage(decode(page.body, page.contentType), page.url);
    if (!imageUrl) throw unusable("The link's page has no preview image (og:image or twitter:image)");
    const image = await download(imageUrl, agents, {
      subject: "The preview image",
      accept: "image/*",
      maxBytes: MAX_IMAGE_BYTES,
      overCap: "refuse",
    });
    const stored = await storeImageBytes(image.body);
    if (!stored) throw unusable("The link's preview image is not a PNG, JPEG, WebP or GIF image");
    return stored;
  } finally {
    agents.destroy();
  }
}

/** The page's preview image as an absolute URL, resolved against the page (or its <base href>); null if none. */
export function findPreviewImage(html: string, pageUrl: URL): URL | null {
  const root = parse(html);
  const content = IMAGE_META.map((selector) => root.querySelector(selector)?.getAttribute("content")?.trim()).find(
    Boolean,
  );
  if (!content) return null;
  const base = root.querySelector("base[href]")?.getAttribute("href");
  try {
    return new URL(content, base ? new URL(base, pageUrl) : pageUrl);
  } catch {
    return null;
  }
}

function decode(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder().decode(body);
  }
}

type Agents = { "http:": http.Agent; "https:": https.Agent };
type DownloadOptions = {
  subject: string;
  accept: string;
  maxBytes: number;
  overCap: "truncate" | "refuse";
  /** Extra request headers (a feed's If-None-Match / If-Modified-Since). */
  headers?: Record<string, string>;
  timeoutMs?: number;
};

export type GuardedResponse = {
  status: 200 | 304;
  url: URL;
  contentType: string;
  headers: Record<string, string>;
  body: Buffer;
};

/**
 * GET through the same address guard as the preview image (public addresses only, each redirect re-checked,
 * a time limit, a size cap): the content sources' feeds come this way. A 304 answers with an empty body.
 */
export async function guardedGet(url: string, options: DownloadOptions): Promise<GuardedResponse> {
  const agents = filteringAgents();
  try {
    return await download(new URL(url), agents, options);
  } finally {
    agents.destroy();
  }
}

export type PagePreview = { title: string | null; description: string | null; imageUrl: string | null };

/**
 * A page's title, description and preview image (stored like an upload) for a draft from a suggestion. The page
 * must be reachable; a missing or unusable image only leaves the draft without one.
 */
export async function fetchPagePreview(pageUrl: string): Promise<PagePreview> {
  const page = await guardedGet(pageUrl, {
    subject: "The link",
    accept: "text/html,application/xhtml+xml",
    maxBytes: MAX_PAGE_BYTES,
    overCap: "truncate",
  });
  if (page.contentType && !/^(text\/html|application\/xhtml\+xml)\b/i.test(page.contentType))
    return { title: null, description: null, imageUrl: null };
  const html = decode(page.body, page.contentType);
  const root = parse(html);
  const meta = (selector: string) => root.querySelector(selector)?.getAttribute("content")?.trim() || null;
  const title = meta('meta[property="og:title" i]') ?? (root.querySelector("title")?.text.trim() || null);
  const description = meta('meta[property="og:description" i]') ?? meta('meta[name="description" i]');
  let imageUrl: string | null = null;
  const image = findPreviewImage(html, page.url);
  if (image) {
    try {
      const bytes = await guardedGet(image.href, {
        subject: "The preview image",
        accept: "image/*",
        maxBytes: MAX_IMAGE_BYTES,
        overCap: "refuse",
      });
      imageUrl = await storeImageBytes(bytes.body);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { title, description, imageUrl };
}

/** GET with redirects followed by hand, so that each hop is checked again (scheme here, address by the agent). */
async function download(start: URL, agents: Agents, options: DownloadOptions): Promise<GuardedResponse> {
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const { subject } = options;
  let url = start;
  try {
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== "http:" && url.protocol !== "https:")
        throw unusable(`${subject} is not an http:// or https:// address`);
      const response = await get(url, agents[url.protocol], options.accept, signal, options.headers);
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status) && response.headers.location) {
        response.resume();
        if (redirects === MAX_REDIRECTS) throw unusable(`${subject} redirects more than ${MAX_REDIRECTS} times`);
        url = new URL(response.headers.location, url);
        continue;
      }
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(", ") : (value ?? ""),
        ]),
      );
      if (status === 304 && options.headers) {
        response.resume();
        return { status: 304, url, contentType: "", headers, body: Buffer.alloc(0) };
      }
      if (status !== 200) {
        response.resume();
        throw unusable(`${subject} answered HTTP ${status}`);
      }
      const body = await readBody(response, options);
      return { status: 200, url, contentType: response.headers["content-type"] ?? "", headers, body };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (signal.aborted) throw unusable(`${subject} took longer than ${timeoutMs / 1000} seconds to answer`);
    // request-filtering-agent's refusal of a non-public address ("DNS lookup … is not allowed").
    if (error instanceof Error && /is not allowed/.test(error.message))
      throw unusable(`${subject} is on a private or local network address, which Chorus does not fetch`);
    throw unusable(`${subject} could not be reached (${url.host})`);
  }
}

function get(
  url: URL,
  agent: http.Agent,
  accept: string,
  signal: AbortSignal,
  extra: Record<string, string> = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    client
      .get(url, { agent, signal, headers: { ...extra, "User-Agent": USER_AGENT, Accept: accept } }, resolve)
      .on("error", reject);
  });
}

/** Reads at most `maxBytes` as they stream in, never more: past it the read stops (and the connection closes). */
async function readBody(response: IncomingMessage, { subject, maxBytes, overCap }: DownloadOptions): Promise<Buffer> {
  const tooLarge = () => unusable(`${subject} is larger than ${maxBytes / 1024 / 1024} MB`);
  if (overCap === "refuse" && Number(response.headers["content-length"]) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) {
      if (overCap === "refuse") throw tooLarge();
      chunks.push(chunk.subarray(0, maxBytes - size));
      size = maxBytes;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks, size);
}
