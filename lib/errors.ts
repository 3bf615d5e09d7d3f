/** Thrown by lib/ for a rule a person broke (not a bug); actions and routes turn it into an error answer. */
export class DomainError extends Error {
  constructor(
    readonly code: "forbidden" | "invalid" | "conflict" | "not_found",
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}
