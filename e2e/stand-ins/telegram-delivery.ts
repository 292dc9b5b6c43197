import type { Update } from "grammy/types";

/** Where and how updates are delivered: what setWebhook was given. */
export interface WebhookTarget {
  /** One URL, as setWebhook takes; several stand for a load balancer in front of app copies. */
  urls: string[];
  secretToken?: string;
  /** setWebhook's max_connections: 1–100, 40 by default. */
  maxConnections: number;
}

/** One update on its way to the webhook, with every try's answer. */
export interface Delivery {
  update: Update;
  /** The update's queue: its chat (or user), whose updates go out one at a time, in order. */
  queue: string;
  /** Each try's HTTP status, or "no answer" (refused, reset, timed out). */
  tries: Array<number | "no answer">;
  acknowledgedAt?: number;
  notBefore: number;
}

// Telegram resends a failed update at once, then after 2 s, 4 s, … up to about a minute; a
// test cannot wait that long, so the same doubling starts at 100 ms and stops at 2 s.
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Telegram's delivery side, as its open-source Bot API server (tdlib/telegram-bot-api,
 * WebhookActor) does it: every update is POSTed as JSON with the secret in
 * X-Telegram-Bot-Api-Secret-Token; at most max_connections requests are in flight; a chat's
 * next update waits until its previous one was answered 2xx; anything else (another status, no
 * answer) is delivered again, with a growing delay or after Retry-After, until it is answered.
 */
export function createWebhookDelivery() {
  let target: WebhookTarget | undefined;
  const queues = new Map<string, Delivery[]>();
  // Queues whose head may go now, oldest first: a completion takes the next one from here
  // instead of scanning every chat's queue (a promotion brings thousands of chats).
  const ready: string[] = [];
  let readyHead = 0;
  const retryTimers = new Set<NodeJS.Timeout>();
  const all: Delivery[] = [];
  let unacknowledged = 0;
  let inFlight = 0;
  let turn = 0;
  let stopped = false;
  let lastError: { date: number; message: string } | undefined;

  function pump() {
    if (!target || stopped) return;
    while (inFlight < target.maxConnections && readyHead < ready.length) {
      const queue = ready[readyHead++]!;
      const head = queues.get(queue)![0]!;
      inFlight += 1;
      void send(head, target).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
    // What was taken is dropped now and then, so the list does not grow for the whole run.
    if (readyHead > 1024 && readyHead * 2 > ready.length) {
      ready.splice(0, readyHead);
      readyHead = 0;
    }
  }

  /** The queue's head may go after `notBefore` (now, if that has passed). */
  function readyAt(queue: string, notBefore: number) {
    const wait = notBefore - Date.now();
    if (wait <= 0) {
      ready.push(queue);
      return;
    }
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      ready.push(queue);
      pump();
    }, wait);
    retryTimers.add(timer);
  }

  async function send(delivery: Delivery, { urls, secretToken }: WebhookTarget) {
    const url = urls[turn++ % urls.length]!;
    let status: number | "no answer" = "no answer";
    let retryAfter: number | undefined;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secretToken ? { "x-telegram-bot-api-secret-token": secretToken } : {}),
        },
        body: JSON.stringify(delivery.update),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      status = response.status;
      retryAfter = Number(response.headers.get("retry-after")) || undefined;
    } catch {
      // Refused, reset (the app died) or timed out: no answer, so it goes again.
    }
    delivery.tries.push(status);
    if (typeof status === "number" && status >= 200 && status < 300) {
      delivery.acknowledgedAt = Date.now();
      unacknowledged -= 1;
      const waiting = queues.get(delivery.queue)!;
      waiting.shift();
      if (waiting.length === 0) queues.delete(delivery.queue);
      else readyAt(delivery.queue, waiting[0]!.notBefore);
      return;
    }
    lastError = {
      date: Math.floor(Date.now() / 1000),
      message:
        status === "no answer"
          ? "Connection refused"
          : `Wrong response from the webhook: ${status}`,
    };
    const failures = delivery.tries.length;
    const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
    delivery.notBefore = Date.now() + (retryAfter ? retryAfter * 1000 : backoff);
    readyAt(delivery.queue, delivery.notBefore);
  }

  return {
    /** setWebhook: deliveries start (or go on) to these URLs. */
    deliverTo(next: WebhookTarget) {
      target = next;
      pump();
    },
    target: () => target,
    /** Queues an update behind its chat's earlier ones; returns its delivery record. */
    enqueue(update: Update, queue: string): Delivery {
      const delivery: Delivery = { update, queue, tries: [], notBefore: 0 };
      all.push(delivery);
      unacknowledged += 1;
      const waiting = queues.get(queue);
      if (waiting) waiting.push(delivery);
      else {
        queues.set(queue, [delivery]);
        ready.push(queue);
      }
      pump();
      return delivery;
    },
    deliveries: () => [...all],
    pendingCount: () => unacknowledged,
    lastError: () => lastError,
    /** No more tries (the end of a test); what is unanswered stays so. */
    stop() {
      stopped = true;
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
    },
  };
}
