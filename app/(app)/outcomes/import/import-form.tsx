"use client";

import { FormAlert, FormSaved } from "@/components/ui/form-message";
import { useState } from "react";
import { Button } from "@/components/ui/button";

type ShownError = { line: number | null; field: string | null; text: string };
type Preview = { total: number; errorCount: number; errors: ShownError[] };
type Outcome =
  | { kind: "imported"; recorded: number; duplicates: number; attributed: number }
  | { kind: "rejected"; errorCount: number; errors: ShownError[] };

function upload(file: File): FormData {
  const form = new FormData();
  form.set("file", file);
  return form;
}

/** Choose → preview (a dry run) → import, all or nothing. */
export function ConversionImportForm({ maxBytes }: { maxBytes: number }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(path: string) {
    if (!file) return null;
    if (file.size > maxBytes) {
      setProblem(`The file is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller files.`);
      return null;
    }
    setBusy(true);
    setProblem(null);
    const response = await fetch(path, { method: "POST", body: upload(file) }).catch(() => null);
    setBusy(false);
    if (!response) {
      setProblem("Could not reach the server. Try again.");
      return null;
    }
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  }

  async function check() {
    setOutcome(null);
    const answer = await send("/api/outcomes/import/preview");
    if (!answer) return;
    if (answer.status !== 200) return setProblem(String((answer.body?.error as { message?: string })?.message));
    setPreview(answer.body as unknown as Preview);
  }

  async function run() {
    const answer = await send("/api/outcomes/import");
    if (!answer) return;
    const error = answer.body?.error as (Preview & { message: string }) | undefined;
    if (answer.status === 200)
      setOutcome({
        kind: "imported",
        ...(answer.body as { recorded: number; duplicates: number; attributed: number }),
      });
    else if (error?.errors) setOutcome({ kind: "rejected", errorCount: error.errorCount, errors: error.errors });
    else setProblem(error?.message ?? `The server answered ${answer.status}.`);
    setPreview(null);
  }

  const errors = outcome?.kind === "rejected" ? outcome : preview?.errorCount ? preview : null;
  return (
    <div className="mt-6 space-y-4">
      <div className="max-w-xl rounded-lg border border-slate-200 bg-white p-4">
        <label htmlFor="conversions-file" className="block text-sm font-medium text-slate-800">
          CSV file
        </label>
        <input
          id="conversions-file"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setPreview(null);
            setOutcome(null);
            setProblem(null);
          }}
          className="mt-1 block w-full text-sm"
        />
        {problem && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {problem}
          </p>
        )}
        <div className="mt-3">
          <Button type="button" variant="secondary" onClick={check} disabled={busy || !file}>
            {busy ? "Working…" : "Preview"}
          </Button>
        </div>
      </div>
      {preview && preview.errorCount === 0 && (
        <div className="space-y-2">
          <p role="status" className="text-sm text-slate-700">
            {preview.total.toLocaleString("en")} conversions, no problems found.
          </p>
          <Button type="button" onClick={run} disabled={busy}>
            Import {preview.total.toLocaleString("en")} conversions
          </Button>
        </div>
      )}
      {outcome?.kind === "imported" && (
        <FormSaved data-testid="conversions-imported">
          Imported {outcome.recorded} conversions ({outcome.attributed} credited to advocates); {outcome.duplicates}{" "}
          were already recorded.
        </FormSaved>
      )}
      {errors && (
        <FormAlert as="div">
          <p className="font-medium">
            {errors.errorCount} problem{errors.errorCount === 1 ? "" : "s"}: nothing was imported.
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {errors.errors.map((error, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one error list per preview, shown as given
              <li key={i}>{error.text}</li>
            ))}
          </ul>
        </FormAlert>
      )}
    </div>
  );
}
