import { desc, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { db } from "@/db/client";
import { outboxMessages } from "@/db/schema";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string; contentType?: string }[];
};

const from = () => process.env.MAIL_FROM ?? "Chorus <no-reply@chorus.local>";

/** SMTP when SMTP_URL is set; otherwise the local outbox table, so no mail is ever lost in development. */
export async function sendMail(mail: Mail): Promise<void> {
  const smtpUrl = process.env.SMTP_URL;
  if (smtpUrl) {
    await nodemailer.createTransport(smtpUrl).sendMail({ from: from(), ...mail });
    return;
  }
  // The outbox keeps no files: it names them (the quarterly report's CSV stays on its page).
  const attached = mail.attachments?.length
    ? `\n\nAttached: ${mail.attachments.map((file) => file.filename).join(", ")}`
    : "";
  await db
    .insert(outboxMessages)
    .values({ to: mail.to, subject: mail.subject, text: mail.text + attached, html: mail.html ?? null });
}

/** The outbox page exists only without SMTP, and in production only when the demo turns it on. */
export function outboxEnabled(): boolean {
  if (process.env.SMTP_URL) return false;
  return process.env.NODE_ENV !== "production" || process.env.CHORUS_OUTBOX === "1";
}

/** The newest mail first; only one person's when `to` is given (the demo's outbox gets busy). */
export async function listOutbox(options: { to?: string; limit?: number } = {}) {
  return db
    .select({
      id: outboxMessages.id,
      to: outboxMessages.to,
      subject: outboxMessages.subject,
      text: outboxMessages.text,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(options.to ? eq(outboxMessages.to, options.to) : undefined)
    .orderBy(desc(outboxMessages.id))
    .limit(options.limit ?? 50);
}
