import type { Metadata } from "next";
import { LibraryNav } from "@/components/library-nav";
import { CsvHeaderRow } from "@/components/csv-header-row";
import { requirePermission } from "@/lib/auth";
import { IMPORT_MAIN_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, PREVIEW_ROWS } from "@/lib/import";
import { LOCALES } from "@/lib/locale";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import posts" };

export default async function ImportPage() {
  const user = await requirePermission("posts.write", "/library/import");
  return (
    <>
      <LibraryNav user={user} current="import" />
      <h1 className="text-2xl font-semibold">Import posts from CSV</h1>
      <div className="mt-2 max-w-3xl space-y-2 text-sm text-slate-600">
        <p>
          The first line names the columns; <strong>title</strong> and <strong>url</strong> are required, the others
          optional:
        </p>
        <CsvHeaderRow columns={IMPORT_MAIN_COLUMNS} />
        <ul className="list-disc space-y-1 pl-5">
          <li>
            <strong>hashtags</strong>: separated by spaces or commas, each already in the Hashtags list.
          </li>
          <li>
            <strong>campaign</strong>: a campaign&apos;s slug. <strong>teams</strong>: team names separated by{" "}
            <code>;</code> (empty: everyone).
          </li>
          <li>
            <strong>publish_at</strong>, <strong>expire_at</strong>: ISO 8601, e.g. <code>2026-05-01T09:00:00Z</code>{" "}
            (no offset means UTC).
          </li>
          <li>
            <strong>language</strong>: the post&apos;s own language, one of {LOCALES.join(", ")} (empty: en). Variants
            in other languages: <code>title_fr</code>, <code>commentary_fr</code>, <code>commentary_linkedin_fr</code>,{" "}
            <code>commentary_x_fr</code>, <code>commentary_facebook_fr</code>, and the same with <code>_de</code>,{" "}
            <code>_es</code> or <code>_en</code>; a variant needs its title.
          </li>
        </ul>
        <p>
          Preview checks every line first and shows the first {PREVIEW_ROWS} rows. The import is all or nothing: if any
          line has a problem, no post is imported. Imported posts are drafts. At most{" "}
          {IMPORT_MAX_ROWS.toLocaleString("en")} posts and {IMPORT_MAX_BYTES / 1024 / 1024} MB per file.
        </p>
      </div>
      <ImportForm maxBytes={IMPORT_MAX_BYTES} />
    </>
  );
}
