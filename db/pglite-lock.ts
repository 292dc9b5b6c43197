import { createHash } from "node:crypto";
import { readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** Who holds an embedded database folder: what the refusal names. */
export interface FolderOwner {
  pid: number;
  command: string;
  /** ISO time the holder opened the folder. */
  since: string;
}

export interface FolderLock {
  release(): Promise<void>;
}

/**
 * The embedded database folder is open in another process. PGlite cannot share a folder: each
 * process would see only its own writes and overwrite the other's on shutdown.
 */
export class DatabaseInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: FolderOwner | undefined,
  ) {
    super(describeRefusal(folder, owner));
    this.name = "DatabaseInUseError";
  }
}

// By its fields, not instanceof: Next's bundles may load this file more than once.
export function isDatabaseInUse(error: unknown): error is DatabaseInUseError {
  return error instanceof Error && error.name === "DatabaseInUseError";
}

// A holder whose event loop is busy (a long query runs on the main thread) may not answer
// at once; past this its owner file speaks for it.
const answerTimeoutMs = 1000;

/**
 * Takes the folder for this process, or throws DatabaseInUseError naming the process that has
 * it. The lock is a Unix socket this process listens on: the operating system takes it away
 * when the process ends however it ends (kill -9 included), so there is never a stale lock to
 * clean up by hand, and a second opener that can connect knows the folder is held and asks the
 * holder who it is.
 */
export async function lockPgliteFolder(
  folder: string,
  platform: NodeJS.Platform = process.platform,
): Promise<FolderLock> {
  const address = lockAddress(folder, platform);
  const owner: FolderOwner = {
    pid: process.pid,
    command: process.argv.join(" "),
    since: new Date().toISOString(),
  };
  const server = net.createServer((socket) => {
    // An asker that hangs up first (ECONNRESET) must not become an uncaught error here.
    socket.on("error", () => undefined);
    socket.end(JSON.stringify(owner));
  });
  // Again only when the holder went away between our try and our question, a few times at most.
  for (let attempt = 1; ; attempt++) {
    const failure = await listen(server, address);
    if (!failure) break;
    if (failure.code !== "EADDRINUSE") throw failure;
    const holder = await askHolder(address);
    if (holder !== "gone" || attempt === 3) {
      throw new DatabaseInUseError(folder, (holder !== "gone" && holder) || readOwnerFile(folder));
    }
    // A socket file left by a process that died (where sockets are files): nobody listens on
    // it any more, so it is removed and taken over. An abstract name is gone with its holder.
    if (!address.startsWith("\0")) rmSync(address, { force: true });
  }
  // The lock must not keep a script that is done from exiting.
  server.unref();
  // For a person looking at the folder; the running holder answers for itself.
  writeFileSync(ownerFile(folder), `${JSON.stringify(owner, null, 2)}\n`);
  return {
    release: () =>
      new Promise<void>((resolve) => {
        rmSync(ownerFile(folder), { force: true });
        server.close(() => resolve());
      }),
  };
}

/**
 * Sockets are named by the folder's real path (two spellings of one folder are one lock) and
 * kept out of the folder itself: a socket path may be at most 107 bytes, and a data folder's
 * may be longer. On Linux the name is in the abstract namespace, which the kernel frees with
 * its process and binds atomically; elsewhere (macOS) it is a file under the temp folder,
 * where two openers of one stale file at the same instant could both take it over.
 */
export function lockAddress(folder: string, platform: NodeJS.Platform): string {
  const hash = createHash("sha256").update(realpathSync(folder)).digest("hex");
  const name = `promo-bot-pglite-${hash}`;
  if (platform !== "linux") return path.join(os.tmpdir(), `${name.slice(0, 49)}.sock`);
  // An abstract name fills all 108 bytes of sun_path: Node 20 pads a shorter one with zero
  // bytes to that length and Node 24 does not, so two Node versions would otherwise bind two
  // different names for one folder (and both open it).
  return `\0${name}`.padEnd(108, "-");
}

/** The owner file beside the folder (inside it, PGlite's initdb would find it not empty). */
export function ownerFile(folder: string): string {
  return `${path.resolve(folder)}.owner.json`;
}

function listen(server: net.Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error);
    server.once("error", onError);
    server.listen(address, () => {
      server.off("error", onError);
      resolve(null);
    });
  });
}

/** The holder's own description; undefined if it holds but did not say; "gone" if nobody holds. */
function askHolder(address: string): Promise<FolderOwner | undefined | "gone"> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = net.connect(address);
    socket.setTimeout(answerTimeoutMs, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("end", () => resolve(parseOwner(answer)));
    // ECONNREFUSED: a socket file with nobody listening; ENOENT: removed since listen failed.
    socket.on("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "ECONNREFUSED" || error.code === "ENOENT" ? "gone" : undefined),
    );
  });
}

function readOwnerFile(folder: string): FolderOwner | undefined {
  try {
    return parseOwner(readFileSync(ownerFile(folder), "utf8"));
  } catch {
    return undefined; // No file: the refusal says "another process" without naming it.
  }
}

function parseOwner(text: string): FolderOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<FolderOwner>;
    return typeof owner.pid === "number" ? (owner as FolderOwner) : undefined;
  } catch {
    return undefined;
  }
}

function describeRefusal(folder: string, owner: FolderOwner | undefined): string {
  const holder = owner
    ? `process ${owner.pid} (${owner.command}), since ${owner.since}`
    : "another process";
  return (
    `The embedded database in ${folder} is already open in ${holder}.\n` +
    "Only one process at a time may open it. Stop that process first" +
    (owner ? ` (kill ${owner.pid})` : "") +
    ", or leave the work to it: the running app applies migrations when it starts and " +
    "reconciles Stripe payments every 15 minutes by itself. To run several processes on one " +
    "database, set DATABASE_URL to a PostgreSQL server."
  );
}
