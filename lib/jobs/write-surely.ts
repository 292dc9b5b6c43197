import { logger } from "@/lib/platform/logger";

/**
 * Retries a write that records an effect already made (a message sent, a row done), 250 ms
 * doubling to 2 s, for up to `budgetMs`: giving up would make the effect happen again when the
 * row is retried, so a database blip is waited out instead. Throws the last error after that.
 */
export async function writeSurely(write: () => Promise<void>, what: string, budgetMs: number) {
  const giveUpAt = Date.now() + budgetMs;
  for (let delayMs = 250; ; delayMs = Math.min(delayMs * 2, 2000)) {
    try {
      await write();
      return;
    } catch (error) {
      if (Date.now() + delayMs >= giveUpAt) throw error;
      logger.warn({ err: error }, `${what} not recorded yet; trying again`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
