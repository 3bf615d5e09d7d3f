import { handlers, withSafeCallbackUrl } from "@/lib/auth";
import { otherMethods } from "@/lib/api/methods";

export const GET = withSafeCallbackUrl(handlers.GET);
export const POST = withSafeCallbackUrl(handlers.POST);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
