import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, parseOrError, withPermission, type RouteContext } from "@/lib/api";
import { readJson } from "@/lib/api/body";
import { can } from "@/lib/permissions";
import { transitionPost } from "@/lib/posts";
import { postId, reviewInput } from "@/lib/validation";
import { otherMethods } from "@/lib/api/methods";

const params = z.object({ id: postId, transition: z.enum(["submit", "approve", "reject", "archive"]) });
const body = z.object({ comment: reviewInput.shape.comment });

/** Curators submit and archive; approvers approve and reject (a rejection needs a comment). */
const NEEDS = {
  submit: "posts.write",
  archive: "posts.write",
  approve: "posts.review",
  reject: "posts.review",
} as const;

export const POST = withPermission<RouteContext<{ id: string; transition: string }>>(
  "feed.read",
  async (request, { params: raw, user }) => {
    const parsedParams = parseOrError(params, await raw);
    if ("response" in parsedParams) return parsedParams.response;
    const { id, transition } = parsedParams.data;
    if (!can(user.roles, NEEDS[transition])) return apiError("forbidden", "You are not allowed to do this.");
    const json = await readJson(request, { whenEmpty: {} });
    if ("response" in json) return json.response;
    const parsedBody = parseOrError(body, json.data);
    if ("response" in parsedBody) return parsedBody.response;
    if (transition === "reject" && !parsedBody.data.comment)
      return apiError("invalid", "Say what needs to change.", { comment: ["Required when rejecting"] });
    return NextResponse.json(await transitionPost(user, id, transition, parsedBody.data.comment));
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
