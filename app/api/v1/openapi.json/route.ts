import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { otherMethods } from "@/lib/api/methods";

/** Public, like any API reference: it describes the API, it grants nothing. */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
