import type { Metadata } from "next";
import Link from "next/link";
import { LocalDate } from "@/components/local-date";
import { requirePermission } from "@/lib/auth";
import { getSettings, getSettingsHistory, timeZoneNames } from "@/lib/settings";
import { saveComplianceAction, saveOutcomeSettingsAction, saveSettingsAction } from "./actions";
import { ComplianceForm } from "./compliance-form";
import { SETTING_LABELS } from "./labels";
import { OutcomeSettingsForm } from "./outcome-settings-form";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePermission("admin.manage", "/admin/settings");
  const [s, history] = await Promise.all([getSettings(), getSettingsHistory()]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Point values apply to all history at once: the leaderboard re-scores as soon as you save. The daily cap applies
        to shares from now on. Every change is kept in the audit trail.
      </p>
      <SettingsForm
        save={saveSettingsAction}
        timeZones={timeZoneNames()}
        initial={{
          pointsShare: String(s.pointsShare),
          pointsShareFacebook: String(s.pointsShareFacebook),
          pointsClick: String(s.pointsClick),
          pointsReshare: String(s.pointsReshare),
          dailyShareCap: String(s.dailyShareCap),
          embedReshareDailyCap: String(s.embedReshareDailyCap),
          reportedReshareEventCap: String(s.reportedReshareEventCap),
          timeZone: s.timeZone,
          costPerClick: s.costPerClick,
          leaderboardBadges: s.leaderboardBadges ? "shown" : "off",
        }}
      />
      <OutcomeSettingsForm
        save={saveOutcomeSettingsAction}
        initial={{
          attributionWindowDays: String(s.attributionWindowDays),
          browserAmountCap: Number(s.browserAmountCap).toFixed(2),
          conversionKinds: s.conversionKinds.join(" "),
          programmeCostPerMonth: s.programmeCostPerMonth,
          programmeCurrency: s.programmeCurrency,
          pointsConversion: String(s.pointsConversion),
          influencedColumn: s.influencedColumn,
        }}
      />
      <section aria-labelledby="compliance" className="mt-10 max-w-2xl">
        <h2 id="compliance" className="text-lg font-semibold">
          Compliance and mail scanners
        </h2>
        <ComplianceForm
          save={saveComplianceAction}
          initial={{
            blockedWords: s.blockedWords.join("\n"),
            disclosure: s.disclosure,
            scannerRanges: s.scannerRanges.join("\n"),
            pointsSuggestion: String(s.pointsSuggestion),
          }}
        />
      </section>
      <section aria-labelledby="history" className="mt-10 max-w-2xl">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="history" className="text-lg font-semibold">
            Recent changes
          </h2>
          {history.length > 0 && (
            <Link href="/admin/audit?action=settings.update" className="text-sm text-indigo-700 underline">
              Every change, in the audit trail
            </Link>
          )}
        </div>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No changes yet: these are the defaults.</p>
        ) : (
          <ul
            className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm"
            data-testid="settings-history"
          >
            {history.map((entry) => (
              <li key={entry.id} className="px-3 py-2">
                <span className="text-slate-500">
                  <LocalDate value={entry.at} />
                </span>{" "}
                · {entry.actor} changed{" "}
                {Object.entries(entry.changes).map(([key, change], j) => (
                  <span key={key}>
                    {j ? "; " : ""}
                    {SETTING_LABELS[key] ?? key} from {String(change.from)} to {String(change.to)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
