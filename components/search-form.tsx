import Link from "next/link";
import { Button } from "@/components/ui/button";

/** A list's one-box search (GET `?q=`, back to page 1), with Clear while a search is on. */
export function SearchForm({
  action,
  label,
  placeholder,
  q,
  className = "mt-6",
}: {
  action: string;
  label: string;
  placeholder: string;
  q: string | undefined;
  className?: string;
}) {
  return (
    <search aria-label={label}>
      <form method="get" action={action} className={`${className} flex max-w-2xl flex-wrap items-end gap-2 text-sm`}>
        <label className="block min-w-0 flex-1">
          <span className="font-medium text-slate-700">Search</span>
          <input
            type="search"
            name="q"
            defaultValue={q}
            placeholder={placeholder}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2"
          />
        </label>
        <Button type="submit" variant="neutral">
          Search
        </Button>
        {q && (
          <Link href={action} className="rounded-md border border-slate-300 px-3 py-2">
            Clear
          </Link>
        )}
      </form>
    </search>
  );
}
