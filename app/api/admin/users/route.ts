import { NextResponse } from "next/server";
import { parseOrError, withPermission } from "@/lib/api";
import { listUsers, USERS_PAGE_SIZE, userListQuery } from "@/lib/users";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** A page of people: `?q=&role=&status=&page=` as on the admin's users page → { users, total, page, pageSize }. */
export const GET = withPermission("admin.manage", async (request) => {
  const query = parseOrError(userListQuery, Object.fromEntries(new URL(request.url).searchParams));
  if ("response" in query) return query.response;
  const { items, total } = await listUsers(query.data);
  return NextResponse.json({ users: items, total, page: query.data.page, pageSize: USERS_PAGE_SIZE });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
