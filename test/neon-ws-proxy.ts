import net from "node:net";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

// A test double, never a relay: it only reaches servers on this machine.
const ALLOWED_HOSTS = new Set(["127.0.0.1", "localhost"]);

// 1008 is "policy violation", the code for a request the server will not serve.
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
const NORMAL_CLOSURE = 1000;

export interface NeonWsProxy {
  /** For neonConfig.wsProxy: host:port/v2; the driver adds the scheme and ?address=. */
  wsProxy: string;
  stop(): Promise<void>;
}

/**
 * Starts a local WebSocket-to-TCP proxy, as Neon's wsproxy does in front of its Postgres, so
 * the real @neondatabase/serverless driver can be tested against a local server.
 */
export async function startNeonWsProxy(): Promise<NeonWsProxy> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/v2" });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as net.AddressInfo;
  const sockets = new Set<net.Socket>();

  server.on("connection", (ws, request) => {
    const target = parseAddress(new URL(request.url ?? "/", "http://proxy").searchParams);
    if (typeof target === "string") {
      ws.close(POLICY_VIOLATION, target);
      return;
    }
    const socket = net.connect(target.port, target.host);
    sockets.add(socket);
    pipe(ws, socket);
    socket.once("close", () => sockets.delete(socket));
  });

  return {
    wsProxy: `127.0.0.1:${port}/v2`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      // close() alone waits for clients to hang up, which pooled clients never do.
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Returns the target, or why it is refused. */
function parseAddress(params: URLSearchParams): { host: string; port: number } | string {
  const address = params.get("address");
  if (!address) return "missing ?address=host:port";
  const colon = address.lastIndexOf(":");
  const host = address.slice(0, colon);
  const port = Number(address.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    return `bad address ${address}`;
  }
  if (!ALLOWED_HOSTS.has(host)) return `host ${host} not allowed`;
  return { host, port };
}

function pipe(ws: WebSocket, socket: net.Socket): void {
  // Writes made before the TCP connect completes are queued by net.Socket, so the driver's
  // first message is not lost even though it is sent as soon as the WebSocket opens.
  ws.on("message", (data) => socket.write(toBuffer(data)));
  socket.on("data", (chunk) => {
    if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
  });

  ws.once("close", () => socket.end());
  ws.on("error", () => socket.destroy());
  socket.once("close", (hadError) => {
    if (ws.readyState === ws.OPEN) ws.close(hadError ? INTERNAL_ERROR : NORMAL_CLOSURE);
  });
  // Handled by the close above; without a listener the error would crash the test process.
  socket.on("error", () => undefined);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
