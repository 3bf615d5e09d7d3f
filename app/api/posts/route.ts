import { NextResponse } from "next/server";
import { parseOrError, withPermission } from "@/lib/api";
import { readJson } from "@/lib/api/body";
import { createPost } from "@/lib/posts";
import { postInput } from "@/lib/validation";
import { otherMethods } from "@/lib/api/methods";

export const POST = withPermission("posts.write", async (request, { user }) => {
  const json = await readJson(request);
  if ("response" in json) return json.response;
  const parsed = parseOrError(postInput, json.data);
  if ("response" in parsed) return parsed.response;
  return NextResponse.json(await createPost(user, parsed.data), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
