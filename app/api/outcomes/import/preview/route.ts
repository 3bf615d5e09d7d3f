import { NextResponse } from "next/server";
import { withPermission } from "@/lib/api";
import { otherMethods } from "@/lib/api/methods";
import { describeErrors, readImportUpload } from "@/lib/import";
import { previewConversionImport } from "@/lib/outcomes/import";

/** The dry run of a conversions CSV: the first rows and every error; writes nothing. */
export const POST = withPermission("outcomes.import", async (request) => {
  const upload = await readImportUpload(request);
  if ("response" in upload) return upload.response;
  const { total, rows, errors } = await previewConversionImport(upload.text);
  return NextResponse.json({ total, rows, ...describeErrors(errors) });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
