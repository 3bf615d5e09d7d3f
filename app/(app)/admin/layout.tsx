import Link from "next/link";
import { requirePermission } from "@/lib/auth";

const SECTIONS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/integrations", label: "Integrations" },
  { href: "/admin/notifications", label: "Notifications" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/audit", label: "Audit trail" },
];

/** The admin area's own navigation; each page checks admin.manage again. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("admin.manage", "/admin/users");
  return (
    <>
      <nav aria-label="Admin" className="mb-6 flex gap-4 overflow-x-auto border-b border-slate-200 pb-2 text-sm">
        {SECTIONS.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className="whitespace-nowrap font-medium text-slate-600 hover:text-indigo-700"
          >
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </>
  );
}
