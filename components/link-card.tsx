/** The site a link card names: the link's host, without "www.", as the networks print it. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/**
 * The link's card as LinkedIn, X and Facebook show it under a shared post: the post's image, the site and the
 * title, the whole card a link. Wide screens put the image beside the text, phones above it.
 */
export function LinkCard({ url, title, imageUrl }: { url: string; title: string; imageUrl: string | null }) {
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="link-card"
      className="mt-3 block overflow-hidden rounded-lg border border-slate-200 bg-white hover:border-slate-400 sm:flex"
    >
      {imageUrl && (
        // biome-ignore lint/performance/noImgElement: the image is the post's own upload, shown as the networks will
        <img
          src={imageUrl}
          alt=""
          width={1200}
          height={630}
          loading="lazy"
          data-testid="link-card-image"
          className="aspect-[1.91/1] w-full bg-slate-100 object-cover sm:w-60 sm:shrink-0"
        />
      )}
      <span className="block min-w-0 bg-slate-50 px-3 py-2 sm:flex sm:flex-1 sm:flex-col sm:justify-center">
        <span className="block truncate text-xs uppercase tracking-wide text-slate-600" data-testid="link-card-site">
          {siteOf(url)}
        </span>
        <span className="mt-0.5 block text-sm font-semibold text-slate-900" data-testid="link-card-title">
          {title || "Title"}
        </span>
      </span>
    </a>
  );
}
