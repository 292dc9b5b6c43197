// The least a webhook endpoint can do, as the webhook benchmark's baseline: node:http and one
// pg INSERT of the parsed body per request, into a table shaped like the inbox (a jsonb
// payload, unique per source and id). No verification, no logging, no framework. Run as its
// own process by bench/webhooks.ts: `bare-ingest.ts <port> <database url>`; it prints "ready"
// and exits when its parent goes (stdin closes).
import { createServer } from "node:http";
import pg from "pg";

const [port, databaseUrl] = process.argv.slice(2);
// As many connections as the app's pool (db/client.ts).
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await pool.query(`create table if not exists bare_inbox (
  id bigserial primary key, source text not null, external_id text not null,
  payload jsonb not null, received_at timestamptz not null default now(),
  unique (source, external_id))`);

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const text = Buffer.concat(chunks).toString();
    let body: { id?: unknown; update_id?: unknown };
    try {
      body = JSON.parse(text);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const source = body.update_id === undefined ? "stripe" : "telegram";
    pool
      .query(
        "insert into bare_inbox (source, external_id, payload) values ($1, $2, $3) on conflict do nothing",
        [source, String(body.update_id ?? body.id), text],
      )
      .then(() =>
        response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'),
      )
      .catch(() => response.writeHead(500).end());
  });
});
server.listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
