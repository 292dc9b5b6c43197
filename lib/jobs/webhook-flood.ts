// A flood: more webhooks a second than any promotion brings one copy (10,000 buyers in a
// minute are under 200 a second, and Telegram takes 30 replies a second), while the event
// loop is nearly always busy, so the senders' answers wait behind the worker's processing.
// Below that rate, processing keeps its full concurrency whatever keeps the loop busy.
const FLOOD_PER_WINDOW = 100;
const WINDOW_MS = 500;
const FLOODED_UTILIZATION = 0.9;

/**
 * Counts the rows the webhooks store and says when they flood this process: at least 100 in
 * the current or the last half second, with the event loop busy more than 90 % of the time.
 */
export function webhookFlood(utilization: () => number, now: () => number = Date.now) {
  let since = now();
  let stored = 0;
  let before = 0;
  const roll = () => {
    const elapsed = now() - since;
    if (elapsed < WINDOW_MS) return;
    // The window just ended counts while the next one fills; an older one counts as none.
    before = elapsed < 2 * WINDOW_MS ? stored : 0;
    since = now();
    stored = 0;
  };
  return {
    stored() {
      roll();
      stored += 1;
    },
    flooded() {
      roll();
      return Math.max(stored, before) >= FLOOD_PER_WINDOW && utilization() > FLOODED_UTILIZATION;
    },
  };
}
