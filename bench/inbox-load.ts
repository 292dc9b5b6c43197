// The inbox benchmark's load generator, run as its own process (bench/inbox.ts spawns it): it
// posts prepared webhook requests to the app, CONCURRENCY in flight, and prints one JSON line
// with what it sent. Kept out of the bench process, whose event loop serves the Telegram
// double: a busy sender there would delay the replies being counted.
//
//   node --import tsx bench/inbox-load.ts <requests.json> <origin> <concurrency>
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

export interface LoadRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  sent: number;
  errors: number;
  /** Epoch ms of the first request and of the last answer. */
  startedAt: number;
  endedAt: number;
}

const [file, origin, concurrency] = process.argv.slice(2);
const requests = JSON.parse(readFileSync(file!, "utf8")) as LoadRequest[];
const url = new URL(origin!);
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) });

let next = 0;
let errors = 0;
const startedAt = Date.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (next < requests.length) {
      const status = await post(requests[next++]!).catch(() => 0);
      if (status !== 200) errors += 1;
    }
  }),
);
agent.destroy();
const result: LoadResult = { sent: requests.length, errors, startedAt, endedAt: Date.now() };
console.log(JSON.stringify(result));

function post({ path, body, headers }: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: "POST", agent, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
