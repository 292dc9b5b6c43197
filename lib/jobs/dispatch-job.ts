import { z } from "zod";
import type { Job, JobDeps } from "./define-job";
import { PermanentDeliveryError, type Deliver } from "./outbox";

/**
 * What the outbox worker does with each row: looks its kind up among `jobs`, parses its
 * payload with that job's schema and runs it. A payload its schema refuses cannot be fixed by
 * retrying: the row is parked as failed with the reason, for the Monitoring page. A kind this
 * copy does not know is retried with backoff like any failure: during a rolling deploy a newer
 * copy that knows it may take the row; if none does, it fails after the last attempt.
 */
export function jobDispatcher(jobs: readonly Job[], deps: JobDeps): Deliver {
  const byKind = new Map<string, Job>();
  for (const job of jobs) {
    if (byKind.has(job.kind)) throw new Error(`two jobs are registered as "${job.kind}"`);
    byKind.set(job.kind, job);
  }
  return async (tx, row) => {
    const job = byKind.get(row.kind);
    if (!job) throw new Error(`no job is registered as "${row.kind}"`);
    const payload = job.schema.safeParse(row.payload);
    if (!payload.success) {
      const reason = z.prettifyError(payload.error);
      throw new PermanentDeliveryError(`malformed ${row.kind} payload: ${reason}`);
    }
    await job.run(tx, payload.data, deps);
  };
}
