import { getFormatter, getTranslations } from "next-intl/server";
import type { outboxRetryState } from "@/lib/jobs/outbox";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

type Job = Awaited<ReturnType<typeof outboxRetryState>>["pending"][number];

/** What the outbox still has to send (with its retries) and what it gave up on today. */
export async function OutboxState({ pending, failed }: { pending: Job[]; failed: Job[] }) {
  const [t, format] = await Promise.all([getTranslations("monitoringPage"), getFormatter()]);
  const kind = (job: Job) => {
    const key = `kinds.${job.kind.replaceAll(".", "_")}`;
    return t.has(key) ? t(key) : t("kinds.other");
  };
  const jobTable = (jobs: Job[], labelledBy: string, showNext: boolean) => (
    <Table inset className="mt-3" aria-labelledby={labelledBy}>
      <THead inset>
        <TR>
          <TH inset>{t("job")}</TH>
          <TH inset align="right">
            {t("attempts")}
          </TH>
          {showNext ? <TH inset>{t("nextAttempt")}</TH> : null}
          <TH inset>{t("lastError")}</TH>
        </TR>
      </THead>
      <TBody className="align-top">
        {jobs.map((job) => (
          <TR key={job.id}>
            <TD inset>
              <span className="font-medium text-slate-900">{kind(job)}</span>
              <span className="block text-xs text-slate-500">
                #{job.id} ·{" "}
                {format.dateTime(job.createdAt, { dateStyle: "short", timeStyle: "medium" })}
              </span>
            </TD>
            <TD inset align="right" className="tabular-nums">
              {job.attempts}
            </TD>
            {showNext ? (
              <TD inset className="whitespace-nowrap text-slate-600">
                {format.dateTime(job.runAfter, { timeStyle: "medium" })}
              </TD>
            ) : null}
            <TD inset className="break-all text-slate-600">
              {job.lastError ?? "–"}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
  return (
    <Card aria-labelledby="retry-title">
      <CardTitle id="retry-title">{t("retryTitle")}</CardTitle>
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
    </Card>
  );
}
