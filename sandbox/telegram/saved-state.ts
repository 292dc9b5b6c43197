import type { BotState, ChannelState, World } from "./state";

// What a user would find again after the sandbox restarts: chats, channels, files and who
// started the bot. Not the webhook (the app sets it at every start, with a fresh secret), the
// call log, injected failures or pending long polls.
const KEPT = [
  "privateChats",
  "users",
  "started",
  "blocked",
  "callbackQueries",
  "files",
  "commands",
  "nextUpdateId",
  "counters",
] as const;

type SavedBot = Pick<BotState, (typeof KEPT)[number]>;

/** A structured-cloneable copy of the simulator's world (v8.serialize can write it to disk). */
export interface SavedWorld {
  version: 1;
  bots: Array<{ token: string; state: SavedBot }>;
  channels: Array<[number, ChannelState]>;
}

export function saveWorld(world: World): SavedWorld {
  return structuredClone({
    version: 1,
    bots: [...world.bots.values()].map((bot) => ({
      token: bot.config.token,
      state: Object.fromEntries(KEPT.map((key) => [key, bot[key]])) as SavedBot,
    })),
    channels: [...world.channels.entries()],
  });
}

/** Puts a saved world back; bots the simulator no longer answers for are skipped. */
export function loadWorld(world: World, saved: SavedWorld): void {
  if (saved.version !== 1) throw new Error(`unknown saved simulator version ${saved.version}`);
  const copy = structuredClone(saved);
  for (const { token, state } of copy.bots) {
    const bot = world.bots.get(token);
    if (bot) Object.assign(bot, state);
  }
  world.channels.clear();
  for (const [id, channel] of copy.channels) world.channels.set(id, channel);
}
