import { appOrigin } from "@/lib/origin";
import { stringify } from "csv-stringify/sync";
import { desc, eq, sql } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import { jobs, quarterReports, users } from "@/db/schema";
import { neutralizeFormula } from "@/lib/csv";
import { getSummary } from "@/lib/dashboard";
import { percent } from "@/lib/exports";
import { enqueueJob, type JobHandler } from "@/lib/jobs";
import { sendMail } from "@/lib/mail";
import { mailTranslator } from "@/lib/mail-locale";
import { getOutcomeSummary, getOutcomesBy, moneyText } from "@/lib/outcomes/reports";
import { getTargetProgress, parseQuarter, previousQuarter, STATUS_NAMES, type Quarter } from "@/lib/outcomes/targets";
import { getSettings } from "@/lib/settings";

export const QUARTER_JOB = { build: "quarter_report.build", mail: "mail.quarter_report" } as const;

export type QuarterFigures = {
  quarter: string;
  from: string;
  to: string;
  rows: { section: string; measure: string; value: string; target: string; status: string }[];
};

/** The quarter's figures against its targets: company totals, the funnel and revenue by team. */
export async function buildQuarterFigures(quarter: Quarter): Promise<QuarterFigures> {
  const scope = { range: { from: quarter.from, to: quarter.to } };
  const [summary, outcomes, byTeam, targets] = await Promise.all([
    getSummary(scope),
    getOutcomeSummary(scope, quarter.to),
    getOutcomesBy("team", scope, null),
    getTargetProgress(quarter, { now: quarter.end }),
  ]);
  const target = (metric: string, currency = "") => targets.find((t) => t.metric === metric && t.currency === currency);
  const row = (section: string, measure: string, value: string | number, metric?: string, currency?: string) => {
    const t = metric ? target(metric, currency) : undefined;
    return {
      section,
      measure,
      value: String(value),
      target: t ? String(t.target) : "",
      status: t ? STATUS_NAMES[t.actual >= t.target ? "achieved" : "behind"] : "",
    };
  };
  const rows = [
    row("Programme", "Participation (%)", (Math.round(summary.participation * 1000) / 10).toFixed(1), "participation"),
    row("Programme", "Active advocates", summary.activeAdvocates),
    row("Programme", "Shares", summary.shares),
    row("Programme", "Counted clicks", summary.countedClicks, "counted_clicks"),
    row("Programme", "Reshares", summary.reshares, "reshares"),
    row("Programme", "Estimated earned media value", summary.earnedMediaValue.toFixed(2)),
    row("Funnel", "Leads", outcomes.leads, "leads"),
    row("Funnel", "Opportunities", outcomes.opportunities),
    row("Funnel", "Won deals", outcomes.won),
    row("Funnel", "Unattributed conversions", outcomes.unattributed),
    ...outcomes.revenue.map((m) =>
      row("Revenue", `Revenue (${m.currency})`, m.amount.toFixed(2), "revenue", m.currency),
    ),
    ...targets
      .filter((t) => t.metric === "revenue" && !outcomes.revenue.some((m) => m.currency === t.currency))
      .map((t) => row("Revenue", `Revenue (${t.currency})`, "0.00", "revenue", t.currency)),
    row("Cost", "Programme cost", `${outcomes.programmeCost.currency} ${outcomes.programmeCost.amount.toFixed(2)}`),
    row("Cost", "Cost per lead", outcomes.costPerLead === null ? "" : outcomes.costPerLead.toFixed(2)),
    row("Cost", "ROI", outcomes.roi === null ? "" : percent(outcomes.roi)),
    ...byTeam.map((t) => row("Teams", t.label, `${t.leads} leads, ${t.won} won, ${moneyText(t.revenue)}`)),
  ];
  return { quarter: quarter.name, from: quarter.from, to: quarter.to, rows };
}

/** The figures as the CSV attached to the mail: formula-safe, as every export. */
export function quarterCsv(figures: QuarterFigures): string {
  return stringify(
    figures.rows.map((r) => [r.section, r.measure, r.value, r.target, r.status]),
    {
      header: true,
      columns: ["Section", "Measure", "Value", "Target", "Status"],
      bom: true,
      cast: { string: neutralizeFormula },
    },
  );
}

/**
 * Once a quarter has ended in the company time zone, its report is queued under `quarter-report:<quarter>`:
 * whichever server ticks first adds it, the key stops every other.
 */
export async function scheduleQuarterReport(now: Date = new Date(), on: Db = db): Promise<boolean> {
  const quarter = previousQuarter(now, (await getSettings(on)).timeZone);
  return enqueueJob(on, {
    kind: QUARTER_JOB.build,
    key: `quarter-report:${quarter.name}`,
    payload: { quarter: quarter.name },
  });
}

/** Stores the report as it is sent, and queues one mail per active leader and admin, in one transaction. */
const build: JobHandler = async (payload) => {
  const { timeZone } = await getSettings();
  const quarter = parseQuarter(String(payload.quarter), timeZone);
  if (!quarter) throw new Error(`not a quarter: ${String(payload.quarter)}`);
  const figures = await buildQuarterFigures(quarter);
  await db.transaction(async (tx) => {
    await tx
      .insert(quarterReports)
      .values({ quarter: quarter.name, figures, csv: quarterCsv(figures) })
      .onConflictDoNothing();
    await tx.execute(sql`
      insert into ${jobs} (kind, key, payload)
      select ${QUARTER_JOB.mail}, 'quarter-report-mail:' || ${quarter.name} || ':' || u.id,
             jsonb_build_object('userId', u.id, 'quarter', ${quarter.name}::text)
      from ${users} u where u.active and u.roles && array['leader', 'admin']::text[]
      on conflict (key) do nothing`);
  });
};

const mail: JobHandler = async (payload) => {
  const [person] = await db
    .select({ email: users.email, active: users.active, locale: users.locale })
    .from(users)
    .where(eq(users.id, String(payload.userId)));
  const [report] = await db
    .select()
    .from(quarterReports)
    .where(eq(quarterReports.quarter, String(payload.quarter)));
  if (!person?.active || !report) return;
  const figures = report.figures as QuarterFigures;
  const t = mailTranslator(person.locale);
  const lines = figures.rows
    .filter((r) => r.section !== "Teams")
    .map((r) => `${r.measure}: ${r.value}${r.target ? ` (target ${r.target}: ${r.status.toLowerCase()})` : ""}`);
  await sendMail({
    to: person.email,
    subject: t("quarter.subject", { quarter: figures.quarter }),
    text: `${t("quarter.intro", { quarter: figures.quarter, from: figures.from, to: figures.to })}\n\n${lines.join("\n")}\n\n${t("quarter.fullReport")} ${appOrigin()}/outcomes/quarters/${figures.quarter}`,
    attachments: [{ filename: `chorus-${figures.quarter}.csv`, content: report.csv, contentType: "text/csv" }],
  });
};

export const QUARTER_HANDLERS: Record<string, JobHandler> = { [QUARTER_JOB.build]: build, [QUARTER_JOB.mail]: mail };

/** Every stored quarterly report, newest first. */
export async function listQuarterReports() {
  return db
    .select({ quarter: quarterReports.quarter, createdAt: quarterReports.createdAt })
    .from(quarterReports)
    .orderBy(desc(quarterReports.quarter));
}

export async function getQuarterReport(quarter: string) {
  const [report] = await db.select().from(quarterReports).where(eq(quarterReports.quarter, quarter));
  return report ? { ...report, figures: report.figures as QuarterFigures } : null;
}
