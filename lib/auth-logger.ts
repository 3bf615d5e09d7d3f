import { log } from "@/lib/log";

/**
 * Auth.js's own errors carry a static `type` ("AccessDenied"); their class names do not survive the
 * production build's minification, so `error.name` cannot tell a refused address from a fault.
 */
const authErrorType = (error: Error): string =>
  "type" in error && typeof error.type === "string" ? error.type : error.name;

export const authLogger = {
  error: (error: Error) => {
    const type = authErrorType(error);
    // A refused address is an expected answer (shown on the form), not a server error.
    if (type !== "AccessDenied") log.error("auth error", { type, error: error.message });
  },
  warn: (code: string) => log.warn("auth warning", { code }),
  debug: () => {},
};
