import { handlers, withSafeCallbackUrl } from "@/lib/auth";

export const GET = withSafeCallbackUrl(handlers.GET);
export const POST = withSafeCallbackUrl(handlers.POST);
