import type { z } from "zod";
import type { apiMe } from "@/lib/api/schemas";
import { json, withToken } from "@/lib/api/v1";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Who the token acts for, with their current roles. */
export const GET = withToken("feed.read", async (_request, { user, token }) =>
  json<z.infer<typeof apiMe>>({ id: user.id, email: user.email, name: user.name, roles: user.roles, token }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
