import { apiError } from "@/lib/api-errors";
import { currentUser, type SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { can, type Permission } from "@/lib/permissions";

// In their own module so token-authenticated routes (lib/api-v1.ts) need not load next-auth.
export { apiError, parseOrError, type ApiErrorCode } from "@/lib/api-errors";

type Handler<C> = (request: Request, context: C & { user: SessionUser }) => Promise<Response>;

/** Route handlers' one way in: session → permission, then JSON errors for rule breaks. */
export function withPermission<C>(permission: Permission, handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const user = await currentUser();
    if (!user) return apiError("unauthorized", "Sign in first.");
    if (!can(user.roles, permission)) return apiError("forbidden", "You are not allowed to do this.");
    try {
      return await handler(request, { ...context, user });
    } catch (error) {
      if (error instanceof DomainError) return apiError(error.code, error.message, error.fields);
      throw error;
    }
  };
}

/** The second argument Next passes to a dynamic route handler. */
export type RouteContext<P> = { params: Promise<P> };
