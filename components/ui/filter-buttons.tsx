import Link from "next/link";
import { Button } from "@/components/ui/button";

/** The submit button of a filter or search form, and "Clear" back to the unfiltered page while a filter is set. */
export function FilterButtons({ label = "Apply", clearHref }: { label?: string; clearHref: string | null }) {
  return (
    <>
      <Button type="submit" variant="neutral">
        {label}
      </Button>
      {clearHref && (
        <Link href={clearHref} className="rounded-md border border-slate-300 px-3 py-2">
          Clear
        </Link>
      )}
    </>
  );
}
