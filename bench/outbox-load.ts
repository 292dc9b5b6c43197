// The load process of `npm run bench:outbox`: POSTs the signed events it is given (a JSON file)
// to the app's Stripe webhook, `CONNECTIONS` at a time and each as soon as a connection is
// free, and prints when it started and ended and the answers' statuses as one JSON line. Its
// own process, so its event loop does not compete with the stand-ins Telegram's side runs on.
import { readFileSync } from "node:fs";

const [file, url, connections = "50"] = process.argv.slice(2);
if (!file || !url)
  throw new Error("usage: outbox-load.ts <events.json> <webhook url> [connections]");
const events = JSON.parse(readFileSync(file, "utf8")) as Array<{ body: string; signature: string }>;

const statuses: Record<string, number> = {};
let next = 0;
const startedAt = Date.now();
await Promise.all(
  Array.from({ length: Number(connections) }, async () => {
    while (next < events.length) {
      const event = events[next++]!;
      const status = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": event.signature },
        body: event.body,
      }).then(
        async (response) => {
          await response.arrayBuffer();
          return String(response.status);
        },
        () => "no answer",
      );
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
console.log(JSON.stringify({ startedAt, endedAt: Date.now(), statuses }));
