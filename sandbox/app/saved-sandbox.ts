import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { logger } from "@/lib/platform/logger";
import type { SavedEcs } from "@/sandbox/ecs/simulator";
import type { SavedStripe } from "@/sandbox/stripe/simulator";
import type { SavedWorld } from "@/sandbox/telegram/simulator";

export interface SavedSandbox {
  telegram: SavedWorld;
  stripe: SavedStripe;
  /** Missing in files saved before the ECS simulator existed. */
  ecs?: SavedEcs;
}

const SAVE_DELAY_MS = 300;

/**
 * Keeps the simulators' chats, channels and checkout sessions in DATA_DIR next to the embedded
 * database, so a restarted sandbox shows the posts and chats its orders refer to. Writes are
 * batched (one file, replaced atomically) because every Bot API call changes something.
 */
export function sandboxFile(dataDir: string) {
  const file = path.join(dataDir, "sandbox", "simulators.v8");
  let timer: NodeJS.Timeout | undefined;
  let writing = Promise.resolve();

  async function write(state: SavedSandbox) {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, serialize(state));
    await rename(temporary, file);
  }

  return {
    async read(): Promise<SavedSandbox | undefined> {
      try {
        return deserialize(await readFile(file)) as SavedSandbox;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
          // A damaged file costs the sandbox its chats, not its start.
          logger.warn({ err: error, file }, "sandbox: saved simulators unreadable, starting empty");
        }
        return undefined;
      }
    },
    /** Saves what `current` returns, shortly, once for a burst of changes. */
    saveSoon(current: () => SavedSandbox) {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        writing = writing
          .then(() => write(current()))
          .catch((error) => logger.warn({ err: error, file }, "sandbox: simulators not saved"));
      }, SAVE_DELAY_MS);
      timer.unref();
    },
  };
}
