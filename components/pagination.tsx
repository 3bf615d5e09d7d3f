import { PageNav } from "@/components/report/pager";

export function Pagination({
  page,
  total,
  pageSize,
  href,
}: {
  page: number;
  total: number;
  pageSize: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <PageNav
      label="Pages"
      className="mt-6"
      page={page}
      pages={pages}
      back={page > 1 ? { href: href(page - 1), text: "← Newer" } : null}
      on={page < pages ? { href: href(page + 1), text: "Older →" } : null}
    />
  );
}
