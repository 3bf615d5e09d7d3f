import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { Metadata } from "next";
import Link from "next/link";
import { TargetProgress } from "@/components/report/target-progress";
import { requirePermission } from "@/lib/auth";
import { getTargetProgress, parseQuarter, quarterAt } from "@/lib/outcomes/targets";
import { addQuarters } from "date-fns";
import { getSettings } from "@/lib/settings";
import { listTeams } from "@/lib/teams";
import { saveTargetsAction } from "./actions";
import { TargetsForm, type TargetValues } from "./targets-form";

export const metadata: Metadata = { title: "Targets" };

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function TargetsPage({ searchParams }: { searchParams: Params }) {
  await requirePermission("targets.manage", "/targets");
  const params = await searchParams;
  const [settings, teams] = await Promise.all([getSettings(), listTeams()]);
  const now = new Date();
  const current = quarterAt(now, settings.timeZone);
  const choices = [-1, 0, 1, 2].map((offset) => quarterAt(addQuarters(current.start, offset), settings.timeZone));
  const quarter = parseQuarter(String(params.quarter ?? ""), settings.timeZone) ?? current;
  const team = teams.find((t) => String(t.id) === params.team) ?? null;
  const rows = await getTargetProgress(quarter, { teamId: team?.id ?? null, now });
  const value = (metric: string) => String(rows.find((r) => r.metric === metric)?.target ?? "");
  const revenue = rows.find((r) => r.metric === "revenue");
  const initial: TargetValues = {
    participation: value("participation"),
    counted_clicks: value("counted_clicks"),
    reshares: value("reshares"),
    leads: value("leads"),
    revenue: revenue ? String(revenue.target) : "",
    revenueCurrency: revenue?.currency ?? settings.programmeCurrency,
  };
  return (
    <>
      <h1 className="text-2xl font-semibold">KPI targets</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Targets per quarter ({settings.timeZone} time), for the company or one team. The dashboard shows each against
        the actual figures, with the pace: on track when at least the share of the quarter gone by is reached.
      </p>
      <form className="mt-4 flex flex-wrap items-end gap-3 text-sm" action="/targets">
        <label className="block">
          <span className="block font-medium text-slate-800">Quarter</span>
          <Select name="quarter" defaultValue={quarter.name} className="mt-1">
            {choices.map((q) => (
              <option key={q.name} value={q.name}>
                {q.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="block">
          <span className="block font-medium text-slate-800">Team</span>
          <Select name="team" defaultValue={team ? String(team.id) : ""} className="mt-1">
            <option value="">Whole company</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit" variant="secondary" size="xs">
          Show
        </Button>
      </form>
      <h2 className="mt-6 text-lg font-semibold">
        {quarter.name} · {team ? team.name : "whole company"}
      </h2>
      <TargetProgress rows={rows} />
      <TargetsForm
        key={`${quarter.name}-${team?.id ?? ""}`}
        save={saveTargetsAction}
        quarter={quarter.name}
        teamId={team?.id ?? null}
        initial={initial}
      />
      <p className="mt-6 text-sm">
        <Link href="/outcomes/quarters" className="text-indigo-700 underline">
          Quarterly management reports
        </Link>
      </p>
    </>
  );
}
