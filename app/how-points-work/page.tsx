import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { BadgeRules, ScoreRules } from "@/components/recognition/score-rules";
import { countingRules, pointValues } from "@/lib/points-rules";
import { getSettings } from "@/lib/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Points");
  return { title: t("title"), description: t("description") };
}

/** Public (docs/product.md#points): anyone, signed in or not, can read how the leaderboard is scored. */
export default async function HowPointsWorkPage() {
  await connection();
  const settings = await getSettings();
  const [t, locale] = await Promise.all([getTranslations("Points"), getLocale()]);
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <Link href="/feed" className="text-lg font-bold tracking-tight text-indigo-800">
            Chorus
          </Link>
          <Link href="/leaderboard" className="text-sm font-medium text-indigo-700 underline">
            {t("leaderboard")}
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>

        <section aria-labelledby="values-heading" className="mt-6">
          <h2 id="values-heading" className="text-lg font-semibold">
            {t("points")}
          </h2>
          <div className="mt-2 overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="point-values">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    {t("activity")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    {t("points")}
                  </th>
                  <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
                    {t("note")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {pointValues(settings, locale).map((value) => (
                  <tr key={value.what} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      {value.what}
                      <span className="block text-xs text-slate-500 sm:hidden">{value.note}</span>
                    </th>
                    <td className="px-3 py-2 text-right font-semibold tabular-nums">{value.points}</td>
                    <td className="hidden px-3 py-2 text-slate-600 sm:table-cell">{value.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        {countingRules(settings, locale).map((section) => (
          <section key={section.title} aria-labelledby={`rules-${section.title}`} className="mt-6">
            <h2 id={`rules-${section.title}`} className="text-lg font-semibold">
              {section.title}
            </h2>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
              {section.rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </section>
        ))}
        <ScoreRules />
        <BadgeRules />
      </main>
    </>
  );
}
