// The webhook benchmark's load generator, run as its own process (bench/run-load.ts) so the
// requests it builds and signs do not share an event loop with the stand-ins or the servers it
// measures. Takes one LoadSpec as JSON in argv[2]; prints its Figures as JSON on stdout.
import { Agent, request } from "node:http";
import autocannon from "autocannon";
import { stripeEventRequest, telegramUpdateRequest, type MakeRequest } from "./webhook-requests";

export interface LoadSpec {
  port: number;
  path: string;
  payload: "telegram" | "stripe";
  secret: string;
  /** Makes this run's ids differ from every other run's against the same database. */
  run: number;
  /** "max": `connections` requests in flight at all times; "paced": `rate` req/s, open loop. */
  mode: "max" | "paced";
  seconds: number;
  connections: number;
  rate: number;
}

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

async function saturate(spec: LoadSpec, make: MakeRequest): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${spec.port}${spec.path}`,
    method: "POST",
    connections: spec.connections,
    duration: spec.seconds,
    requests: [{ method: "POST", setupRequest: (req) => ({ ...req, ...make() }) }],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (result.non2xx ?? 0),
    requests: result.requests.total,
  };
}

/**
 * A steady rate, one request every 1000/rate ms whether or not earlier ones have answered
 * (open loop). Latency counts from when a request was due, so a stalled server cannot hide its
 * queue (no coordinated omission). autocannon's own rate limit sends each second's requests in
 * a burst, which measures the burst rather than the server.
 */
async function pace(spec: LoadSpec, make: MakeRequest): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const total = spec.rate * spec.seconds;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / spec.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = make();
    pending.push(
      post(agent, spec, body, headers).then(
        (status) => {
          if (status >= 200 && status < 300) latencies.push(performance.now() - due);
          else errors += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return {
    rps: Math.round(latencies.length / ((performance.now() - started) / 1000)),
    p50: at(0.5),
    p99: at(0.99),
    errors,
    requests: total,
  };
}

function post(agent: Agent, spec: LoadSpec, body: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: spec.port, path: spec.path, method: "POST", agent, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const spec = JSON.parse(process.argv[2] ?? "") as LoadSpec;
const make =
  spec.payload === "stripe"
    ? stripeEventRequest(spec.secret, `bench${spec.run}`)
    : telegramUpdateRequest(spec.secret, spec.run * 10_000_000);
const figures = spec.mode === "max" ? await saturate(spec, make) : await pace(spec, make);
process.stdout.write(JSON.stringify(figures) + "\n");
