import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);

const PG_ROOT = "/usr/lib/postgresql";
const USER = "promo";
const PASSWORD = "promo-test-password";
const DATABASE = "promo";

// Durability buys nothing for a database that is deleted after the run, and turning it off
// makes schema-heavy tests several times faster.
const SPEED_SETTINGS = [
  "-F",
  "-c fsync=off",
  "-c synchronous_commit=off",
  "-c full_page_writes=off",
  // Every test file opens its own pools, and vitest runs files in parallel.
  "-c max_connections=200",
];

export interface PostgresServer {
  /** postgres://promo:…@127.0.0.1:PORT/promo */
  url: string;
  stop(): Promise<void>;
}

/** Starts a throwaway PostgreSQL server in a temp directory, listening only on 127.0.0.1. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findServerBinaries();
  // Postgres refuses to run as root, so under root (CI, containers) the postgres system user
  // that Debian's package creates runs it instead.
  const asUser = process.getuid?.() === 0 ? "postgres" : undefined;

  const dir = await mkdtemp(path.join(os.tmpdir(), "promo-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  const pwFile = path.join(dir, "pwfile");
  const cleanupOnExit = () => killOnExit(dataDir, dir);
  try {
    await writeFile(pwFile, PASSWORD + "\n", { mode: 0o600 });
    if (asUser) await handOver([dir, pwFile], asUser);

    // scram-sha-256 everywhere, as managed Postgres does, so tests exercise real password auth.
    await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${pwFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--no-locale",
        "--no-sync",
      ],
      { cwd: dir, asUser },
    );
    await rm(pwFile, { force: true });

    const port = await freePort();
    const serverOptions = [
      ...SPEED_SETTINGS,
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      // Inside the temp dir, so parallel servers never fight over /var/run/postgresql.
      `-k ${shellQuote(dir)}`,
    ].join(" ");
    // -l matters beyond logging: without it the postmaster inherits our stdout pipe and
    // execFile would wait for it to close, that is, forever.
    await run(
      bin.pgCtl,
      ["start", "-w", "-t", "60", "-D", dataDir, "-l", logFile, "-o", serverOptions],
      { cwd: dir, asUser, logFile },
    );

    process.once("exit", cleanupOnExit);

    const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    const url = await createTestDatabase(adminUrl, DATABASE);

    let stopped = false;
    return {
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off("exit", cleanupOnExit);
        try {
          await run(bin.pgCtl, ["stop", "-m", "fast", "-w", "-D", dataDir], {
            cwd: dir,
            asUser,
            logFile,
          });
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    process.off("exit", cleanupOnExit);
    // Without the postmaster.pid there is no server to stop, only files to remove.
    if (existsSync(path.join(dataDir, "postmaster.pid"))) {
      await run(bin.pgCtl, ["stop", "-m", "immediate", "-w", "-D", dataDir], {
        cwd: dir,
        asUser,
      }).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Creates (or re-creates, empty) database `name` on the server behind adminUrl and returns
 * its URL. One database per test file lets files run in parallel against one server.
 */
export async function createTestDatabase(adminUrl: string, name: string): Promise<string> {
  // The name is spliced into SQL as an identifier, so only plain ones are accepted.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Test database name must be a lowercase SQL identifier, got "${name}"`);
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // FORCE ends sessions a crashed earlier run may have left open.
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface ServerBinaries {
  initdb: string;
  pgCtl: string;
}

function findServerBinaries(): ServerBinaries {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((version) => /^\d+$/.test(version))
        .filter((version) => existsSync(path.join(PG_ROOT, version, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      `No PostgreSQL server found under ${PG_ROOT}/<version>/bin. ` +
        "Run `apt-get install -y postgresql` (or `npm run test:all`, which installs it).",
    );
  }
  const bin = path.join(PG_ROOT, newest, "bin");
  return { initdb: path.join(bin, "initdb"), pgCtl: path.join(bin, "pg_ctl") };
}

/** Gives the temp files to the user that will run the server. */
async function handOver(paths: string[], user: string): Promise<void> {
  const uid = Number((await run("id", ["-u", user])).trim());
  const gid = Number((await run("id", ["-g", user])).trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error(
      `Running as root needs the "${user}" system user; run \`apt-get install -y postgresql\``,
    );
  }
  for (const p of paths) await chown(p, uid, gid);
  // mkdtemp makes the dir 0700; clients other than the owner may need to reach the socket.
  await chmod(paths[0]!, 0o755);
}

/** Asks the kernel for a port no one is using; the gap before Postgres binds it is tiny. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface RunOptions {
  cwd?: string;
  asUser?: string;
  /** Appended to the error, since pg_ctl only says "see the log" when the server fails. */
  logFile?: string;
}

async function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  const [file, argv] = options.asUser
    ? ["runuser", ["-u", options.asUser, "--", command, ...args]]
    : [command, args];
  try {
    const { stdout } = await execFileAsync(file, argv, { cwd: options.cwd });
    return stdout;
  } catch (error) {
    const { stderr, stdout, message } = error as {
      stderr?: string;
      stdout?: string;
      message: string;
    };
    const output = (stderr || stdout || message).trim();
    const log = options.logFile ? await readFile(options.logFile, "utf8").catch(() => "") : "";
    const logTail = log
      ? `\n--- ${options.logFile} ---\n${log.trim().split("\n").slice(-20).join("\n")}`
      : "";
    throw new Error(`${path.basename(command)} ${args[0] ?? ""} failed: ${output}${logTail}`, {
      cause: error,
    });
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Last resort when the test process exits without calling stop() (a crash, Ctrl-C): only
 * synchronous work runs in an exit handler, so signal the postmaster and remove its files.
 */
function killOnExit(dataDir: string, dir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    // SIGQUIT is Postgres's "immediate shutdown".
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, "SIGQUIT");
  } catch {
    // No pid file or no such process: the server is already gone.
  }
  rmSync(dir, { recursive: true, force: true });
}
