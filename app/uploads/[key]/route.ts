import { getStorage } from "@/lib/storage";
import { otherMethods } from "@/lib/api/methods";

/** Uploaded post images. Public like the posts they illustrate; keys are unguessable. */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  const file = await getStorage().get((await params).key);
  if (!file) return new Response("Not found", { status: 404 });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
