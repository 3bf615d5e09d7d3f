import { NextResponse } from "next/server";
import { parseOrError, withPermission } from "@/lib/api";
import { createPost } from "@/lib/posts";
import { postInput } from "@/lib/validation";

export const POST = withPermission("posts.write", async (request, { user }) => {
  const parsed = parseOrError(postInput, await request.json().catch(() => null));
  if ("response" in parsed) return parsed.response;
  return NextResponse.json(await createPost(user, parsed.data), { status: 201 });
});
