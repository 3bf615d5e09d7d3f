import { handlers } from "@/lib/auth";
import { otherMethods } from "@/lib/http/methods";

export const { GET, POST } = handlers;

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
