import Link from "next/link";

/** Previous / next between numbered pages of a ranked list. */
export function Pager({
  page,
  total,
  pageSize,
  href,
  label = "Pages",
}: {
  page: number;
  total: number;
  pageSize: number;
  href: (page: number) => string;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  return (
    <PageNav
      label={label}
      className="mt-4"
      page={page}
      pages={pages}
      back={page > 1 ? { href: href(Math.min(page - 1, pages)), text: "← Previous" } : null}
      on={page < pages ? { href: href(page + 1), text: "Next →" } : null}
    />
  );
}

type PageLink = { href: string; text: string } | null;

/** The nav row of a paged list: a link back (or a gap), "Page n of m", a link on (or a gap). */
export function PageNav({
  label,
  className,
  page,
  pages,
  back,
  on,
}: {
  label: string;
  className: string;
  page: number;
  pages: number;
  back: PageLink;
  on: PageLink;
}) {
  const side = (link: PageLink) =>
    link ? (
      <Link className="text-indigo-700 underline" href={link.href}>
        {link.text}
      </Link>
    ) : (
      <span />
    );
  return (
    <nav aria-label={label} className={`${className} flex items-center justify-between text-sm`}>
      {side(back)}
      <span className="text-slate-600">
        Page {page} of {pages}
      </span>
      {side(on)}
    </nav>
  );
}
