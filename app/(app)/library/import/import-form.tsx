"use client";

import { FormSaved } from "@/components/ui/form-message";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ImportError, PreviewRow } from "@/lib/import";

type ShownError = ImportError & { text: string };
type Preview = { total: number; rows: PreviewRow[]; errorCount: number; errors: ShownError[] };
type ImportLine =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; imported: number }
  | { type: "rejected"; errorCount: number; errors: ShownError[] }
  | { type: "failed"; message: string };

type State =
  | { step: "choose" }
  | { step: "previewing" }
  | { step: "previewed"; preview: Preview }
  | { step: "importing"; preview: Preview; done: number; total: number }
  | { step: "imported"; imported: number }
  | { step: "rejected"; errorCount: number; errors: ShownError[] };

async function errorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `The server answered ${response.status}. Try again.`;
}

function upload(file: File): FormData {
  const form = new FormData();
  form.set("file", file);
  return form;
}

/** Choose → preview (a dry run on the server) → import with a progress bar fed by the server's NDJSON lines. */
export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: "choose" });
  const [fileError, setFileError] = useState<string | null>(null);

  async function preview() {
    if (!file) return setFileError("Choose a CSV file to import.");
    if (file.size > maxBytes)
      return setFileError(`The file is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller files.`);
    setFileError(null);
    setState({ step: "previewing" });
    const response = await fetch("/api/library/import/preview", { method: "POST", body: upload(file) }).catch(
      () => null,
    );
    if (!response?.ok) {
      setFileError(response ? await errorMessage(response) : "Could not reach the server. Try again.");
      return setState({ step: "choose" });
    }
    setState({ step: "previewed", preview: (await response.json()) as Preview });
  }

  async function runImport(previewed: Preview) {
    if (!file) return;
    setState({ step: "importing", preview: previewed, done: 0, total: previewed.total });
    const response = await fetch("/api/library/import", { method: "POST", body: upload(file) }).catch(() => null);
    if (!response?.ok || !response.body) {
      setFileError(response ? await errorMessage(response) : "Could not reach the server. Nothing was imported.");
      return setState({ step: "previewed", preview: previewed });
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = "";
    let finished = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const text of lines.filter(Boolean)) {
        const line = JSON.parse(text) as ImportLine;
        if (line.type === "progress")
          setState({ step: "importing", preview: previewed, done: line.done, total: line.total });
        else if (line.type === "done") setState({ step: "imported", imported: line.imported });
        else if (line.type === "rejected")
          setState({ step: "rejected", errorCount: line.errorCount, errors: line.errors });
        else {
          setFileError(line.message);
          setState({ step: "previewed", preview: previewed });
        }
        finished ||= line.type !== "progress";
      }
    }
    if (!finished) {
      setFileError("The connection ended before the import finished. Check the library before importing again.");
      setState({ step: "previewed", preview: previewed });
    }
  }

  const busy = state.step === "previewing" || state.step === "importing";
  return (
    <div className="mt-6 space-y-6">
      <div className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
        <label htmlFor="csv-file" className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-invalid={!!fileError}
          aria-describedby={fileError ? "csv-file-error" : undefined}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setFileError(null);
            setState({ step: "choose" });
          }}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
        />
        {fileError && (
          <p id="csv-file-error" role="alert" className="mt-2 text-sm text-red-700">
            {fileError}
          </p>
        )}
        <div className="mt-3">
          <Button type="button" variant="secondary" onClick={preview} disabled={busy || !file}>
            {state.step === "previewing" ? "Checking…" : "Preview"}
          </Button>
        </div>
      </div>

      {state.step === "imported" && (
        <FormSaved>
          Imported {state.imported.toLocaleString("en")} post{state.imported === 1 ? "" : "s"} as drafts.{" "}
          <Link href="/library?status=draft" className="font-medium underline">
            See the drafts
          </Link>
        </FormSaved>
      )}
      {state.step === "rejected" && <ErrorList errorCount={state.errorCount} errors={state.errors} />}

      {(state.step === "previewed" || state.step === "importing") && <PreviewTable preview={state.preview} />}
      {state.step === "previewed" && state.preview.errorCount === 0 && (
        <Button type="button" onClick={() => runImport(state.preview)}>
          Import {state.preview.total.toLocaleString("en")} post{state.preview.total === 1 ? "" : "s"}
        </Button>
      )}
      {state.step === "importing" && (
        <div className="max-w-xl">
          <p id="import-progress-label" className="text-sm font-medium">
            Importing… {state.done.toLocaleString("en")} of {state.total.toLocaleString("en")}
          </p>
          <div
            role="progressbar"
            aria-labelledby="import-progress-label"
            aria-valuemin={0}
            aria-valuemax={state.total}
            aria-valuenow={state.done}
            className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className="h-full rounded-full bg-indigo-600 transition-[width]"
              style={{ width: `${state.total ? (state.done * 100) / state.total : 0}%` }}
            />
          </div>
        </div>
      )}
    </div>
  );
}

function ErrorList({ errorCount, errors }: { errorCount: number; errors: ShownError[] }) {
  return (
    <section
      role="alert"
      aria-labelledby="import-errors-heading"
      className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <h2 id="import-errors-heading" className="font-medium">
        {errorCount.toLocaleString("en")} problem{errorCount === 1 ? "" : "s"} found: nothing will be imported until the
        file is fixed.
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="import-errors">
        {errors.map((error, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one error list per preview, shown as given
          <li key={i}>{error.text}</li>
        ))}
      </ul>
      {errorCount > errors.length && (
        <p className="mt-2">…and {(errorCount - errors.length).toLocaleString("en")} more.</p>
      )}
    </section>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <section className="space-y-3">
      <h2 className="text-lg font-medium">
        Preview: {preview.total.toLocaleString("en")} post{preview.total === 1 ? "" : "s"} in the file
        {preview.total > preview.rows.length ? `, the first ${preview.rows.length} shown` : ""}
      </h2>
      {preview.errorCount > 0 && <ErrorList errorCount={preview.errorCount} errors={preview.errors} />}
      {preview.rows.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {["Line", "Title", "URL", "Hashtags", "Campaign", "Teams", "Publish at", "Expire at", "Check"].map(
                  (heading) => (
                    <th key={heading} className="px-3 py-2 font-medium">
                      {heading}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr
                  key={row.line}
                  className={`border-t border-slate-100 ${row.errors ? "bg-red-50" : ""}`}
                  data-testid="import-row"
                >
                  <td className="px-3 py-2 tabular-nums text-slate-500">{row.line}</td>
                  <td className="px-3 py-2">{row.title}</td>
                  <td className="max-w-48 truncate px-3 py-2">{row.url}</td>
                  <td className="px-3 py-2">{row.hashtags}</td>
                  <td className="px-3 py-2">{row.campaign}</td>
                  <td className="px-3 py-2">{row.teams}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.publishAt}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.expireAt}</td>
                  <td className="px-3 py-2">
                    {row.errors ? (
                      <span className="text-red-700">
                        {row.errors} problem{row.errors === 1 ? "" : "s"}
                      </span>
                    ) : (
                      <span className="text-green-800">OK</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
