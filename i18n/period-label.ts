import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Period } from "@/lib/periods";

const DAY_FORMAT = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" } as const;
const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * A report period in the reader's language ("Dieser Monat (1.–2. Dez. 2026)"). English keeps lib/periods.ts's
 * own label, which the CSV exports and the API share.
 */
export async function periodLabel(period: Period): Promise<string> {
  if ((await getLocale()) === "en") return period.label;
  const t = await getTranslations("Periods");
  if (period.kind === "all" || !period.from || !period.to) return t("all");
  const format = await getFormatter();
  const range =
    period.from === period.to
      ? format.dateTime(utcDay(period.from), DAY_FORMAT)
      : format.dateTimeRange(utcDay(period.from), utcDay(period.to), DAY_FORMAT);
  return period.kind === "custom" ? range : t("withRange", { name: t(period.kind), range });
}
