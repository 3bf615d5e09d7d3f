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
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link className="text-indigo-700 underline" href={href(Math.min(page - 1, pages))}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="text-indigo-700 underline" href={href(page + 1)}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
