import type { Metadata } from "next";
import { LocalDate } from "@/components/local-date";
import { listApiTokens } from "@/lib/api/tokens";
import { requirePermission } from "@/lib/auth";
import { createTokenAction, revokeTokenAction } from "./actions";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";
import { TableBox } from "@/components/table-box";

export const metadata: Metadata = { title: "API tokens" };

function state(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

export default async function TokensPage() {
  const user = await requirePermission("tokens.manage", "/settings/tokens");
  const tokens = await listApiTokens(user.id);
  const now = new Date();
  return (
    <>
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Personal access tokens let scripts and tools use the{" "}
        <a href="/api/v1/openapi.json" className="text-indigo-700 underline">
          Chorus API
        </a>{" "}
        as you: a token can do what your roles allow today, or only read if you make it read-only. Send it as{" "}
        <code>Authorization: Bearer …</code>.
      </p>
      <CreateTokenForm create={createTokenAction} />

      <h2 className="mt-10 text-lg font-semibold">Your tokens</h2>
      {tokens.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No tokens yet.</p>
      ) : (
        <TableBox
          className="mt-3 overflow-x-auto"
          headClassName="border-b border-slate-200 text-slate-600"
          head={
            <>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">Token</th>
              <th className="py-2 pr-4 font-medium">Access</th>
              <th className="py-2 pr-4 font-medium">Expires</th>
              <th className="py-2 pr-4 font-medium">Last used</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {tokens.map((token) => {
            const status = state(token, now);
            return (
              <tr key={token.id} data-testid="token-row" data-token-id={token.id} className="border-b border-slate-100">
                <td className="py-2 pr-4 font-medium">{token.name}</td>
                <td className="py-2 pr-4 font-mono text-xs text-slate-600">{token.prefix}…</td>
                <td className="py-2 pr-4">{token.readOnly ? "Read-only" : "Your roles"}</td>
                <td className="py-2 pr-4">{token.expiresAt ? <LocalDate value={token.expiresAt} /> : "Never"}</td>
                <td className="py-2 pr-4">{token.lastUsedAt ? <LocalDate value={token.lastUsedAt} /> : "Never"}</td>
                <td className="py-2 pr-4" data-testid="token-status">
                  {status === "active" ? "Active" : status === "revoked" ? "Revoked" : "Expired"}
                </td>
                <td className="py-2 text-right">
                  {status === "active" && (
                    <RevokeTokenButton id={token.id} name={token.name} revoke={revokeTokenAction} />
                  )}
                </td>
              </tr>
            );
          })}
        </TableBox>
      )}
    </>
  );
}
