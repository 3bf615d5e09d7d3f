import type { Metadata } from "next";
import { LocalDate } from "@/components/local-date";
import { requirePermission } from "@/lib/auth";
import { webhookSecretStatus } from "@/lib/secrets";
import { getSettings } from "@/lib/settings";
import { rotateWebhookSecretAction, saveIntegrationsAction } from "./actions";
import { IntegrationsForm, RotateSecretForm } from "./integrations-forms";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requirePermission("admin.manage", "/admin/integrations");
  const [s, secret] = await Promise.all([getSettings(), webhookSecretStatus()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Integrations</h1>
      <IntegrationsForm
        save={saveIntegrationsAction}
        initial={{
          allowedDomains: s.allowedDomains.join("\n"),
          embedOrigins: s.embedOrigins.join("\n"),
          slackWebhookUrl: s.slackWebhookUrl ?? "",
          teamsWebhookUrl: s.teamsWebhookUrl ?? "",
        }}
        fromEnvironment={{
          slack: !!process.env.SLACK_WEBHOOK_URL,
          teams: !!process.env.TEAMS_WEBHOOK_URL,
          embed: !!process.env.CHORUS_EMBED_ORIGINS,
        }}
      />
      <section className="mt-10 max-w-2xl">
        <h2 className="text-lg font-semibold">Webhook secret</h2>
        <p className="mt-1 text-sm text-slate-600">
          Integrations sign reported reshares (POST /api/events) with this secret.{" "}
          {secret.stored && secret.rotatedAt ? (
            <>
              Last rotated <LocalDate value={secret.rotatedAt} />.
            </>
          ) : (
            "No secret has been made here yet."
          )}{" "}
          {secret.fromEnvironment && "CHORUS_WEBHOOK_SECRET is also set on the server and keeps being accepted."}{" "}
          Rotating replaces the old secret at once.
        </p>
        <RotateSecretForm rotate={rotateWebhookSecretAction} />
      </section>
    </>
  );
}
