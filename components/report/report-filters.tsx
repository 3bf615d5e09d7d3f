"use client";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { PERIOD_KINDS, type PeriodKind } from "@/lib/periods";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 text-sm sm:w-auto";

/**
 * Period (and team) filters as a plain GET form: the choice lives in the URL, so a filtered report can be
 * bookmarked, shared and exported as it is. The date fields appear only for a custom range.
 */
export function ReportFilters({
  action,
  period,
  from,
  to,
  teams,
  teamId,
  hidden = {},
}: {
  action: string;
  period: PeriodKind;
  from: string | null;
  to: string | null;
  teams?: { id: number; name: string }[];
  teamId?: number | null;
  hidden?: Record<string, string>;
}) {
  const t = useTranslations("ReportFilters");
  const periods = useTranslations("Periods");
  const [kind, setKind] = useState<PeriodKind>(period);
  return (
    <form
      method="get"
      action={action}
      aria-label={t("filters")}
      className="mt-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="text-sm font-medium text-slate-700">
        {t("period")}
        <Select
          name="period"
          value={kind}
          onChange={(event) => setKind(event.target.value as PeriodKind)}
          className="mt-1 block w-full text-sm sm:w-auto"
        >
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {periods(k)}
            </option>
          ))}
        </Select>
      </label>
      {kind === "custom" && (
        <>
          <label className="text-sm font-medium text-slate-700">
            {t("from")}
            <input type="date" name="from" defaultValue={from ?? ""} required className={control} />
          </label>
          <label className="text-sm font-medium text-slate-700">
            {t("to")}
            <input type="date" name="to" defaultValue={to ?? ""} required className={control} />
          </label>
        </>
      )}
      {teams && (
        <label className="text-sm font-medium text-slate-700">
          {t("team")}
          <Select
            name="team"
            defaultValue={teamId ? String(teamId) : ""}
            className="mt-1 block w-full text-sm sm:w-auto"
          >
            <option value="">{t("allTeams")}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </label>
      )}
      <Button type="submit">{t("apply")}</Button>
    </form>
  );
}
