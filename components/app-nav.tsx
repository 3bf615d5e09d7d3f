import { Button } from "@/components/ui/button";
import Link from "next/link";
import type { SessionUser } from "@/lib/auth";
import { can, type Permission } from "@/lib/permissions";

const LINKS: { href: string; label: string; permission: Permission }[] = [
  { href: "/feed", label: "Feed", permission: "feed.read" },
  { href: "/activity", label: "Activity", permission: "posts.share" },
  { href: "/leaderboard", label: "Leaderboard", permission: "leaderboard.read" },
  { href: "/me", label: "My stats", permission: "stats.read" },
  { href: "/suggest", label: "Suggest a post", permission: "suggestions.create" },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard.read" },
  { href: "/targets", label: "Targets", permission: "targets.manage" },
  { href: "/outcomes/quarters", label: "Quarterly reports", permission: "outcomes.read" },
  { href: "/outcomes/import", label: "Import conversions", permission: "outcomes.import" },
  { href: "/library", label: "Library", permission: "library.read" },
  { href: "/review", label: "Review", permission: "posts.review" },
  { href: "/compliance", label: "Compliance", permission: "compliance.read" },
  { href: "/admin/settings", label: "Settings", permission: "admin.manage" },
  { href: "/settings/tokens", label: "API tokens", permission: "tokens.manage" },
];

/** Shows only what the user's roles allow; the pages check again on the server. */
export function AppNav({ user, signOut }: { user: SessionUser; signOut: () => Promise<void> }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/feed" className="text-lg font-bold tracking-tight text-indigo-800">
          Chorus
        </Link>
        <nav aria-label="Main" className="order-3 flex w-full gap-4 overflow-x-auto text-sm sm:order-none sm:w-auto">
          {LINKS.filter((link) => can(user.roles, link.permission)).map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="whitespace-nowrap py-1 font-medium text-slate-700 hover:text-indigo-700"
            >
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="hidden text-slate-600 sm:inline" data-testid="signed-in-as">
            {user.email}
          </span>
          <form action={signOut}>
            <Button type="submit" variant="secondary" size="xs">
              Sign out
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}
