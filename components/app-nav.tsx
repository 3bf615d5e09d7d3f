import { Button } from "@/components/ui/button";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Messages } from "@/i18n/messages";
import type { SessionUser } from "@/lib/auth";
import { can, type Permission } from "@/lib/permissions";

const LINKS: { href: string; label: keyof Messages["Nav"]; permission: Permission }[] = [
  { href: "/feed", label: "feed", permission: "feed.read" },
  { href: "/activity", label: "activity", permission: "posts.share" },
  { href: "/leaderboard", label: "leaderboard", permission: "leaderboard.read" },
  { href: "/me", label: "me", permission: "stats.read" },
  { href: "/suggest", label: "suggest", permission: "suggestions.create" },
  { href: "/dashboard", label: "dashboard", permission: "dashboard.read" },
  { href: "/targets", label: "targets", permission: "targets.manage" },
  { href: "/outcomes/quarters", label: "quarters", permission: "outcomes.read" },
  { href: "/outcomes/import", label: "importConversions", permission: "outcomes.import" },
  { href: "/library", label: "library", permission: "library.read" },
  { href: "/review", label: "review", permission: "posts.review" },
  { href: "/compliance", label: "compliance", permission: "compliance.read" },
  { href: "/admin/settings", label: "settings", permission: "admin.manage" },
  { href: "/settings/tokens", label: "tokens", permission: "tokens.manage" },
];

/** Shows only what the user's roles allow; the pages check again on the server. On a phone the links fold into
 * a menu (a native disclosure, no script), so the bar fits 360 px whatever the roles. */
export function AppNav({ user, signOut }: { user: SessionUser; signOut: () => Promise<void> }) {
  const t = useTranslations("Nav");
  const links = LINKS.filter((link) => can(user.roles, link.permission)).map((link) => ({
    href: link.href,
    label: t(link.label),
  }));
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center gap-x-6 gap-y-2 px-4 py-3 md:flex-wrap">
        <Link href="/feed" className="text-lg font-bold tracking-tight text-indigo-800">
          Chorus
        </Link>
        <nav aria-label={t("main")} className="hidden flex-wrap gap-x-4 gap-y-1 text-sm md:flex">
          {links.map((link) => (
            <NavLink key={link.href} href={link.href} label={link.label} />
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="hidden text-slate-600 lg:inline" data-testid="signed-in-as">
            {user.email}
          </span>
          <form action={signOut} className="hidden md:block">
            <SignOutButton />
          </form>
          <PhoneMenu links={links} email={user.email} signOut={signOut} />
        </div>
      </div>
    </header>
  );
}

function NavLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="whitespace-nowrap py-1 font-medium text-slate-700 hover:text-indigo-700">
      {label}
    </Link>
  );
}

function SignOutButton() {
  const t = useTranslations("Nav");
  return (
    <Button type="submit" variant="secondary" size="xs">
      {t("signOut")}
    </Button>
  );
}

function PhoneMenu({
  links,
  email,
  signOut,
}: {
  links: { href: string; label: string }[];
  email: string;
  signOut: () => Promise<void>;
}) {
  const t = useTranslations("Nav");
  return (
    <details className="group relative md:hidden" data-testid="phone-menu">
      <summary className="flex min-h-11 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 font-medium text-slate-700 [&::-webkit-details-marker]:hidden">
        {t("menu")}
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
        <p className="break-all px-3 py-2 text-xs text-slate-600">{email}</p>
        <nav aria-label={t("main")} className="flex flex-col">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="rounded-md px-3 py-2.5 font-medium text-slate-800 hover:bg-slate-100"
            >
              {link.label}
            </Link>
          ))}
        </nav>
        <form action={signOut} className="border-t border-slate-100 px-3 pt-2">
          <SignOutButton />
        </form>
      </div>
    </details>
  );
}
