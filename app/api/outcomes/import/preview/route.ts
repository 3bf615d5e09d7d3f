import { NextResponse } from "next/server";
import { apiError, withPermission } from "@/lib/api";
import { describeErrors, readImportUpload } from "@/lib/import";
import { previewConversionImport } from "@/lib/outcomes/import";

/** The dry run of a conversions CSV: the first rows and every error; writes nothing. */
export const POST = withPermission("outcomes.import", async (request) => {
  const upload = await readImportUpload(request);
  if ("error" in upload) return apiError("invalid", upload.error, { file: [upload.error] });
  const { total, rows, errors } = await previewConversionImport(upload.text);
  return NextResponse.json({ total, rows, ...describeErrors(errors) });
});
