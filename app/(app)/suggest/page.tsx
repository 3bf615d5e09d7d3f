import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { suggestAction } from "./actions";
import { SuggestForm } from "./suggest-form";

export const metadata: Metadata = { title: "Suggest a post" };

export default async function SuggestPage() {
  await requirePermission("suggestions.create", "/suggest");
  return (
    <>
      <h1 className="text-2xl font-semibold">Suggest a post</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Found something colleagues should share? Send the link: a curator turns good suggestions into posts, credited to
        you.
      </p>
      <SuggestForm save={suggestAction} />
    </>
  );
}
