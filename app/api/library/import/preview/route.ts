import { NextResponse } from "next/server";
import { apiError, withPermission } from "@/lib/api";
import { describeErrors, previewImport, readImportUpload } from "@/lib/import";

/** The dry run: parses and checks the file, answers the first rows and every error; writes nothing. */
export const POST = withPermission("posts.write", async (request) => {
  const upload = await readImportUpload(request);
  if ("error" in upload) return apiError("invalid", upload.error, { file: [upload.error] });
  const { total, rows, errors } = await previewImport(upload.text);
  return NextResponse.json({ total, rows, ...describeErrors(errors) });
});
