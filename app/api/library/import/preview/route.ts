import { NextResponse } from "next/server";
import { withPermission } from "@/lib/api";
import { describeErrors, previewImport, readImportUpload } from "@/lib/import";
import { otherMethods } from "@/lib/api/methods";

/** The dry run: parses and checks the file, answers the first rows and every error; writes nothing. */
export const POST = withPermission("posts.write", async (request) => {
  const upload = await readImportUpload(request);
  if ("response" in upload) return upload.response;
  const { total, rows, errors } = await previewImport(upload.text);
  return NextResponse.json({ total, rows, ...describeErrors(errors) });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
