import { parseOrError } from "@/lib/api/errors";
import { apiPostInput, pageQuery, type postsPage, type apiCreatedPost } from "@/lib/api/schemas";
import { json, listLivePosts, searchParams, withToken } from "@/lib/api/v1";
import { readJson } from "@/lib/api/body";
import { createPost } from "@/lib/posts";
import type { z } from "zod";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Live posts for the token owner, newest published first. */
export const GET = withToken("feed.read", async (request, { user }) => {
  const query = parseOrError(pageQuery, searchParams(request));
  if ("response" in query) return query.response;
  return json<z.infer<typeof postsPage>>(await listLivePosts(user, query.data));
});

/** A curator's new post, saved as a draft. */
export const POST = withToken("posts.write", async (request, { user }) => {
  const read = await readJson(request);
  if ("response" in read) return read.response;
  const body = parseOrError(apiPostInput, read.data);
  if ("response" in body) return body.response;
  const { postId } = await createPost(user, body.data);
  return json<z.infer<typeof apiCreatedPost>>(
    { id: postId, status: "draft" },
    { status: 201, headers: { Location: `/api/v1/posts/${postId}` } },
  );
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
