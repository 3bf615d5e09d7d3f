import { redirect } from "next/navigation";
import { AppNav } from "@/components/app-nav";
import { currentUser, signOut } from "@/lib/auth";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/signin" });
  }
  return (
    <>
      <AppNav user={user} signOut={signOutAction} />
      <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
    </>
  );
}
