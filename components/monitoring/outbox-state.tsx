import { getFormatter, getTranslations } from "next-intl/server";
import type { outboxRetryState } from "@/lib/jobs/outbox";
import { cell, headCell, panel, panelTitle } from "./styles";

type Job = Awaited<ReturnType<typeof outboxRetryState>>["pending"][number];

/** What the outbox still has to send (with its retries) and what it gave up on today. */
export async function OutboxState({ pending, failed }: { pending: Job[]; failed: Job[] }) {
  const [t, format] = await Promise.all([getTranslations("monitoringPage"), getFormatter()]);
  const kind = (job: Job) => {
    const key = `kinds.${job.kind.replaceAll(".", "_")}`;
    return t.has(key) ? t(key) : t("kinds.other");
  };
  const jobTable = (jobs: Job[], labelledBy: string, showNext: boolean) => (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full text-sm" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col" className={headCell}>
              {t("job")}
            </th>
            <th scope="col" className={`${headCell} text-right`}>
              {t("attempts")}
            </th>
            {showNext ? (
              <th scope="col" className={headCell}>
                {t("nextAttempt")}
              </th>
            ) : null}
            <th scope="col" className={headCell}>
              {t("lastError")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((job) => (
            <tr key={job.id}>
              <td className={cell}>
                <span className="font-medium text-slate-900">{kind(job)}</span>
                <span className="block text-xs text-slate-500">
                  #{job.id} ·{" "}
                  {format.dateTime(job.createdAt, { dateStyle: "short", timeStyle: "medium" })}
                </span>
              </td>
              <td className={`${cell} text-right tabular-nums`}>{job.attempts}</td>
              {showNext ? (
                <td className={`${cell} whitespace-nowrap text-slate-600`}>
                  {format.dateTime(job.runAfter, { timeStyle: "medium" })}
                </td>
              ) : null}
              <td className={`${cell} break-all text-slate-600`}>{job.lastError ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className={panel} aria-labelledby="retry-title">
      <h2 id="retry-title" className={panelTitle}>
        {t("retryTitle")}
      </h2>
      {pending.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">{t("noRetries")}</p>
      ) : (
        jobTable(pending, "retry-title", true)
      )}
      {failed.length > 0 ? (
        <>
          <h3 id="given-up-title" className="mt-5 text-sm font-medium text-slate-700">
            {t("givenUpTitle")}
          </h3>
          {jobTable(failed, "given-up-title", false)}
        </>
      ) : null}
    </section>
  );
}
