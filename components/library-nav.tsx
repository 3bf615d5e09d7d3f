import Link from "next/link";
import type { SessionUser } from "@/lib/auth";
import { can, type Permission } from "@/lib/permissions";

const SECTIONS = [
  { key: "posts", href: "/library", label: "Posts", permission: "library.read" },
  { key: "hashtags", href: "/library/hashtags", label: "Hashtags", permission: "library.read" },
  { key: "campaigns", href: "/library/campaigns", label: "Campaigns", permission: "library.read" },
  { key: "import", href: "/library/import", label: "Import", permission: "posts.write" },
  { key: "challenges", href: "/library/challenges", label: "Challenges", permission: "challenges.manage" },
  { key: "inbox", href: "/library/inbox", label: "Inbox", permission: "suggestions.review" },
  { key: "sources", href: "/library/sources", label: "Sources", permission: "suggestions.review" },
] as const satisfies ReadonlyArray<{ key: string; href: string; label: string; permission: Permission }>;

export type LibrarySection = (typeof SECTIONS)[number]["key"];

/** The library area's sub-navigation; each page checks its own permission again on the server. */
export function LibraryNav({ user, current }: { user: Pick<SessionUser, "roles">; current: LibrarySection }) {
  return (
    <nav aria-label="Library" className="mb-6 flex gap-4 overflow-x-auto border-b border-slate-200 text-sm">
      {SECTIONS.filter((section) => can(user.roles, section.permission)).map((section) => (
        <Link
          key={section.key}
          href={section.href}
          aria-current={section.key === current ? "page" : undefined}
          className={`-mb-px whitespace-nowrap border-b-2 px-1 pb-2 font-medium ${section.key === current ? "border-indigo-700 text-indigo-800" : "border-transparent text-slate-600 hover:text-indigo-700"}`}
        >
          {section.label}
        </Link>
      ))}
    </nav>
  );
}
