import type { Metadata } from "next";
import { Suspense } from "react";
import { z } from "zod";
import { ListLoading } from "@/components/list-loading";
import { LocalDate } from "@/components/local-date";
import { LogPager } from "@/components/report/log-pager";
import { Problems } from "@/components/report/problems";
import { jobStatus } from "@/db/schema";
import { requirePermission } from "@/lib/auth";
import { listHref, problemsOf, resolveCursor, resolveParam, type Cursor, type SearchParams } from "@/lib/filters";
import { jobCounts, listRecentJobs, type JobRow } from "@/lib/jobs";
import { retryJobAction } from "./actions";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const KINDS: Record<string, string> = {
  "mail.post_decision": "Approval/rejection mail",
  "chat.new_post": "Slack/Teams announcement",
  "digest.schedule": "Weekly digest run",
  "mail.digest": "Weekly digest mail",
};

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("admin.manage", "/admin/notifications");
  const params = await searchParams;
  const filter = resolveParam(
    params.status,
    z.enum(jobStatus.enumValues),
    (value) => `There is no job status “${value}”: jobs are ${jobStatus.enumValues.join(", ")}. Showing all jobs.`,
  );
  const status = filter.value;
  const failedOnly = status === "failed";
  const { cursor, problem } = resolveCursor(params);
  const counts = await jobCounts();
  return (
    <>
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Mails and chat messages wait in a queue in the database. A failure is retried with growing pauses (30 s, 2 min,
        8 min, 32 min); after five tries the job is marked failed. Each notification is queued once.
      </p>
      <p className="mt-4 text-sm" data-testid="job-counts">
        {counts.queued} queued · {counts.running} running · {counts.done} sent ·{" "}
        <span className={counts.failed ? "font-medium text-red-700" : ""}>{counts.failed} failed</span>
        {" · "}
        <a
          className="text-indigo-700 underline"
          href={failedOnly ? "/admin/notifications" : "/admin/notifications?status=failed"}
        >
          {failedOnly ? "show all" : "show failures only"}
        </a>
      </p>
      <Problems problems={problemsOf(filter.problem, problem)} />
      <Suspense key={listHref("", { status, ...cursor })} fallback={<ListLoading what="jobs" />}>
        <Jobs status={status} cursor={cursor} />
      </Suspense>
    </>
  );
}

async function Jobs({ status, cursor }: { status?: JobRow["status"]; cursor: Cursor }) {
  const { items: recent, newer, older } = await listRecentJobs({ status, cursor });
  return (
    <>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Job
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Tries
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Queued
              </th>
              <th scope="col" className="py-2 font-medium">
                Last error
              </th>
            </tr>
          </thead>
          <tbody>
            {recent.map((job) => (
              <tr key={job.id} className="border-b border-slate-100 align-top" data-testid="job-row">
                <td className="py-2 pr-3">
                  <p>{KINDS[job.kind] ?? job.kind}</p>
                  <p className="text-xs text-slate-500">{job.key}</p>
                </td>
                <td className="py-2 pr-3">
                  {job.status === "done" ? "sent" : job.status}
                  {job.status === "queued" && job.attempts > 0 && (
                    <p className="text-xs text-slate-500">
                      next try <LocalDate value={job.runAt} />
                    </p>
                  )}
                </td>
                <td className="py-2 pr-3">
                  {job.attempts}/{job.maxAttempts}
                </td>
                <td className="py-2 pr-3">
                  <LocalDate value={job.createdAt} />
                </td>
                <td className="py-2 text-red-700">
                  {job.lastError}
                  {job.status === "failed" && <RetryButton jobId={job.id} retry={retryJobAction} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {recent.length === 0 && (
          <p className="mt-4 rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-500">
            {cursor.before !== undefined || cursor.after !== undefined
              ? "No jobs this way."
              : status
                ? `No ${status === "done" ? "sent" : status} jobs.`
                : "No jobs yet."}
          </p>
        )}
      </div>
      <LogPager
        newer={newer}
        older={older}
        href={(c) => listHref("/admin/notifications", { status, ...c })}
        label="Pages of the queue"
      />
    </>
  );
}
