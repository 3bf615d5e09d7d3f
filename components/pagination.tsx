import { useTranslations } from "next-intl";
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
  const t = useTranslations("Common");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <PageNav
      label={t("pages")}
      className="mt-6"
      page={page}
      pages={pages}
      back={page > 1 ? { href: href(page - 1), text: t("newer") } : null}
      on={page < pages ? { href: href(page + 1), text: t("older") } : null}
    />
  );
}
