import { useTranslations } from "next-intl";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** The submit button of a filter or search form, and "Clear" back to the unfiltered page while a filter is set. */
export function FilterButtons({ label, clearHref }: { label?: string; clearHref: string | null }) {
  const t = useTranslations("Common");
  return (
    <>
      <Button type="submit" variant="neutral">
        {label ?? t("apply")}
      </Button>
      {clearHref && (
        <Link href={clearHref} className="rounded-md border border-slate-300 px-3 py-2">
          {t("clear")}
        </Link>
      )}
    </>
  );
}
