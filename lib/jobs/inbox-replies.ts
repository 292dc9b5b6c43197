import { AsyncLocalStorage } from "node:async_hooks";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { inboxReplies } from "@/db/schema/inbox";
import type { InboxRow } from "./inbox";
import { writeSurely } from "./write-surely";

// Well inside the row's lease, which is renewed meanwhile (when the database is back).
const JOURNAL_BUDGET_MS = 20_000;

interface Processing {
  rowId: number;
  /** When the webhook stored the row. */
  receivedAt: Date;
  /** A first attempt has sent nothing before: no need to look anything up. */
  retry: boolean;
  sent: number;
}

// One store per process: the inbox worker and the bot's API client live in different bundles.
const shared = globalThis as unknown as { promoBotInboxRow?: AsyncLocalStorage<Processing> };
const storage = (shared.promoBotInboxRow ??= new AsyncLocalStorage<Processing>());

/** Runs a row's processing so that the messages it sends are journaled (see replyJournal). */
export function withInboxRow<T>(row: InboxRow, fn: () => T): T {
  const processing = { rowId: row.id, receivedAt: row.receivedAt, retry: row.attempts > 1 };
  return storage.run({ ...processing, sent: 0 }, fn);
}

/**
 * The inbox row being processed, for what must know when it arrived or whether it is being
 * tried again (a limit on updates); undefined outside a row's processing.
 */
export function processingInboxRow(): { receivedAt: Date; retry: boolean } | undefined {
  const processing = storage.getStore();
  return processing && { receivedAt: processing.receivedAt, retry: processing.retry };
}

/**
 * The journal of the messages sent while processing the current inbox row, for the Bot API
 * client's transformer: `before` hands back what an earlier attempt of the same row already
 * sent as its n-th message (processing is replayed in the same order), `after` records it.
 * Outside a row's processing both do nothing.
 */
export function replyJournal(db: Database) {
  return {
    async before(): Promise<{ seq: number; result?: unknown } | undefined> {
      const processing = storage.getStore();
      if (!processing) return undefined;
      const seq = ++processing.sent;
      if (!processing.retry) return { seq };
      const [row] = await db
        .select({ result: inboxReplies.result })
        .from(inboxReplies)
        .where(and(eq(inboxReplies.inboxId, processing.rowId), eq(inboxReplies.seq, seq)));
      return { seq, result: row?.result };
    },
    async after(seq: number, result: unknown) {
      const processing = storage.getStore();
      if (!processing) return;
      // The message is out: not recording it would send it again on the row's next attempt.
      await writeSurely(
        async () => {
          await db
            .insert(inboxReplies)
            .values({ inboxId: processing.rowId, seq, result: result as object })
            .onConflictDoNothing();
        },
        "a sent message",
        JOURNAL_BUDGET_MS,
      );
    },
  };
}
