import { apiError } from "@/lib/api/errors";

/** The methods a route may answer; HEAD and OPTIONS Next answers itself (HEAD from GET). */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

type NotAllowed = () => Response;

/**
 * JSON 405s for the methods a route does not answer, with the `Allow` header: Next's own 405 has an empty
 * body, which a client cannot tell from a broken proxy. A route exports them beside its handlers:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods<A extends RouteMethod>(...allowed: A[]): Record<Exclude<RouteMethod, A>, NotAllowed> {
  const allow = [...allowed, ...(allowed.includes("GET" as A) ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed: NotAllowed = () =>
    apiError("method_not_allowed", `This address answers ${allow} only.`, undefined, { Allow: allow });
  return Object.fromEntries(
    ROUTE_METHODS.filter((method) => !allowed.includes(method as A)).map((method) => [method, notAllowed]),
  ) as Record<Exclude<RouteMethod, A>, NotAllowed>;
}
