import { withPermission } from "@/lib/api";
import { describeErrors, importPosts, readImportUpload } from "@/lib/import";
import { log } from "@/lib/log";
import { otherMethods } from "@/lib/api/methods";

/**
 * Imports the uploaded CSV as drafts, all or nothing. Answers NDJSON, one object a line:
 * `{ type: "progress", done, total }` while it writes, then `{ type: "done", imported }`,
 * `{ type: "rejected", errorCount, errors }` (nothing imported) or `{ type: "failed", message }`.
 */
export const POST = withPermission("posts.write", async (request, { user }) => {
  const upload = await readImportUpload(request);
  if ("response" in upload) return upload.response;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: Record<string, unknown>) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // The browser went away: the import still finishes (or rolls back) on its own.
        }
      };
      try {
        const result = await importPosts(user, upload.text, (progress) => send({ type: "progress", ...progress }));
        send(
          result.ok
            ? { type: "done", imported: result.imported }
            : { type: "rejected", ...describeErrors(result.errors) },
        );
      } catch (error) {
        log.error("csv import failed", { error: error instanceof Error ? error.message : String(error) });
        send({ type: "failed", message: "The import failed and nothing was imported. Try again." });
      }
      try {
        controller.close();
      } catch {}
    },
  });
  // no-transform: a compressing proxy (or Next's own gzip) would hold the progress lines back.
  return new Response(stream, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store, no-transform" },
  });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
