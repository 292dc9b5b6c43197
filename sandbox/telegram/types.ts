import type { Update } from "grammy/types";
import type { ApiErrorBody } from "./api-error";

/** A Telegram user the simulator acts as (the `from` of the updates it produces). */
export interface SimUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** A bot the simulator answers for; `token` is what the SDK puts in `/bot<token>/…`. */
export interface BotConfig {
  token: string;
  id: number;
  username: string;
  first_name: string;
}

/** What a bot may do in a channel: post (admin), only read (member), or nothing (none). */
export type BotRights = "admin" | "member" | "none";

/** A channel's administrator: may post, edit and delete (as the bot may) unless told not to post. */
export interface ChannelAdmin extends SimUser {
  /** False for an administrator without "Post messages" (can_post_messages); default true. */
  canPostMessages?: boolean;
}

/** Where setMemberStatus puts a person in a channel, as getChatMember then reports them. */
export type MemberStatus = "administrator" | "member" | "left";

export interface ChannelConfig {
  /** A channel id as Telegram has them, e.g. -1001234567890. */
  id: number;
  title: string;
  /** Public channels have one (without "@"); they can be addressed as chat_id "@username". */
  username?: string;
  /** The bots' standing in the channel; default "admin" with can_post_messages. */
  botRights?: BotRights;
  /** Who getChatMember reports as "creator". */
  owner?: SimUser;
  /** Who getChatMember reports as "administrator" (besides the bot itself). */
  admins?: ChannelAdmin[];
  /** Subscribers, whom getChatMember reports as "member". */
  members?: SimUser[];
}

/** An error to answer instead of running a method, as Telegram's failure bodies have it. */
export interface InjectedError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** One call of a bot's API, as `calls()` lists them. */
export interface ApiCall {
  /** Canonical method name (Telegram matches names case-insensitively). */
  method: string;
  /** The parameters as received; uploaded files appear as `{ filename, size }`. */
  params: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: ApiErrorBody;
  /** "webhook-reply": the call came back as the body of a webhook response. */
  via: "http" | "webhook-reply";
  at: Date;
}

/** What became of an update the simulator produced or was given. */
export interface Delivery {
  update: Update;
  /** "dropped": the bot's allowed_updates exclude this kind of update. */
  via: "webhook" | "queue" | "dropped";
  /** The webhook's HTTP status; 0 when queued, dropped or when the webhook was unreachable. */
  status: number;
  /** Set when the webhook failed, worded like getWebhookInfo's last_error_message. */
  error?: string;
}

/** The fetch the simulator posts webhook updates with; the global fetch by default. */
export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SimulatorOptions {
  /** Bots to answer for; one default bot (see DEFAULT_BOT) when omitted. */
  bots?: BotConfig[];
  /**
   * The first update_id (default 1). A bot that remembers update ids it has handled needs a
   * fresh simulator to continue above them, as Telegram's ids keep growing.
   */
  firstUpdateId?: number;
  /** Clock for message and update dates; the real one by default. */
  now?: () => Date;
  /** How webhook updates are posted, e.g. straight into an in-process route handler. */
  fetch?: WebhookFetch;
  /** How long a webhook may take to answer before the delivery counts as failed. */
  webhookTimeoutMs?: number;
  /** getUpdates waits at most this long, whatever `timeout` asks for (default 5). */
  maxLongPollSeconds?: number;
  /**
   * Telegram rejects URL buttons whose host has no dot (http://localhost:3000/…); a sandbox
   * served from localhost can allow them. Default false, as in Telegram.
   */
  allowLocalButtonUrls?: boolean;
}
