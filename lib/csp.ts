import { randomBytes } from "node:crypto";

/**
 * The Content-Security-Policy for one page response. Next.js streams each page's data in inline scripts and
 * loads its chunks from them, so scripts are allowed by a fresh per-request nonce plus 'strict-dynamic'
 * (what a trusted script loads is trusted), never by 'unsafe-inline'. Next reads the nonce from the
 * request's own Content-Security-Policy header and puts it on every script it renders.
 * Styles keep 'unsafe-inline': React style attributes and the chart library's inline styles need it, and
 * styles cannot run code.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // 'self' is ignored where 'strict-dynamic' is understood, and kept for older browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Post images may live on the company's own sites.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // The service worker (public/sw.js) and the web app manifest come from Chorus itself.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const newNonce = (): string => randomBytes(16).toString("base64");
