import { NextResponse } from "next/server";
import { withPermission } from "@/lib/api";
import { otherMethods } from "@/lib/api/methods";
import { describeErrors, readImportUpload } from "@/lib/import";
import { importConversions } from "@/lib/outcomes/import";

/** Imports a conversions CSV all or nothing: 200 with the counts, or 400 with every error by line and field. */
export const POST = withPermission("outcomes.import", async (request) => {
  const upload = await readImportUpload(request);
  if ("response" in upload) return upload.response;
  const result = await importConversions(upload.text);
  if (!result.ok)
    return NextResponse.json(
      { error: { code: "invalid", message: "Nothing was imported.", ...describeErrors(result.errors) } },
      { status: 400 },
    );
  return NextResponse.json(result);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
