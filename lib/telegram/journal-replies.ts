import type { Transformer } from "grammy";
import type { Database } from "@/db/client";
import { replyJournal } from "@/lib/jobs/inbox-replies";
import { isSendMethod } from "./pace-sends";

/**
 * Sends each message of an inbox row's processing once, however often the row is processed: a
 * message an earlier attempt already sent is answered from the journal (lib/jobs/inbox-replies)
 * instead of being sent again. What can still repeat is a message whose request was on the wire
 * at the instant a copy died — the Bot API offers nothing to make that one exactly-once.
 */
export function journalReplies(db: Database): Transformer {
  const journal = replyJournal(db);
  return async (prev, method, payload, signal) => {
    if (!isSendMethod(method)) return prev(method, payload, signal);
    const entry = await journal.before();
    if (entry?.result !== undefined) {
      return { ok: true, result: entry.result } as Awaited<ReturnType<typeof prev>>;
    }
    const answer = await prev(method, payload, signal);
    if (entry && answer.ok) await journal.after(entry.seq, answer.result);
    return answer;
  };
}
