import { unstable_rethrow } from "next/navigation";
import { apiError } from "@/lib/api/errors";
import { currentUser, type SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { can, type Permission } from "@/lib/permissions";

// In their own module so token-authenticated routes (lib/api/v1.ts) need not load next-auth.
export { apiError, parseOrError, type ApiErrorCode } from "@/lib/api/errors";

type Handler<C> = (request: Request, context: C & { user: SessionUser }) => Promise<Response>;

/** Route handlers' one way in: session → permission, then JSON errors for rule breaks. */
export function withPermission<C>(permission: Permission, handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) return apiError("unauthorized", "Sign in first.");
      if (!can(user.roles, permission)) return apiError("forbidden", "You are not allowed to do this.");
      return await handler(request, { ...context, user });
    } catch (error) {
      if (error instanceof DomainError) return apiError(error.code, error.message, error.fields);
      unstable_rethrow(error);
      // Logged here, once and scrubbed: rethrown, Next would print it raw (query parameters, several lines).
      log.error("route failed", { method: request.method, path: new URL(request.url).pathname, ...errorFields(error) });
      return apiError("internal", "Something went wrong on our side.");
    }
  };
}

/** The second argument Next passes to a dynamic route handler. */
export type RouteContext<P> = { params: Promise<P> };
