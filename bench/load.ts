// Load for the webhook benchmark: as fast as a server answers (autocannon), and a steady
// open-loop rate; both report the same figures.
import { Agent, request } from "node:http";
import autocannon from "autocannon";

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 20;
export const RATE = 200;

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

export type MakeRequest = () => { body: string; headers: Record<string, string> };

export /** As fast as the server answers: CONNECTIONS requests in flight at all times. */
async function load(port: number, urlPath: string, make: MakeRequest, seconds = DURATION_S) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: "POST", setupRequest: (request) => ({ ...request, ...make() }) }],
  });
  const non2xx = result.non2xx ?? 0;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + non2xx,
    requests: result.requests.total,
  } satisfies Figures;
}

/**
 * A steady RATE req/s, one request every 1000/RATE ms whether or not earlier ones have
 * answered (open loop). Latency counts from when a request was due, so a stalled server
 * cannot hide its queue (no coordinated omission). autocannon's own rate limit sends each
 * second's requests in a burst, which measures the burst rather than the server.
 */
export async function paced(port: number, urlPath: string, make: MakeRequest): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const pending: Promise<void>[] = [];
  const total = RATE * DURATION_S;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = make();
    pending.push(
      post(agent, port, urlPath, body, headers).then(
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

function post(
  agent: Agent,
  port: number,
  urlPath: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: urlPath, method: "POST", agent, headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
