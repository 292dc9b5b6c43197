import type { Api } from "grammy";
import type Stripe from "stripe";
import type { z } from "zod";
import type { Database } from "@/db/client";
import type { SendMail } from "@/lib/platform/mailer";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import type { OutboxJob } from "./outbox";

/** What a job may use besides its transaction; the worker's start builds it once. */
export interface JobDeps {
  api: Api;
  storage: ObjectStorage;
  /** Set when SMTP_URL is: invoices are then e-mailed as well. */
  sendMail?: SendMail;
  publicUrl: string;
  /** Set when Stripe is: jobs that move money (an automatic refund) need it. */
  stripe?: Stripe;
}

export interface JobDefinition<S extends z.ZodType> {
  /** Stored in outbox.kind. Rows already queued carry it, so it never changes. */
  kind: string;
  /** The payload as stored in outbox.payload; every row is parsed with it before it runs. */
  schema: S;
  /**
   * Sent before other kinds when several are due: someone is waiting for it right now (a
   * buyer who has just paid), while the rest (seller notices, invoices) can follow.
   */
  first?: boolean;
  /** Same key, same job: the outbox queues it once. */
  dedupeKey(payload: z.output<S>): string;
  /**
   * Runs inside the row's transaction: a throw rolls back what it wrote and the row is tried
   * again later; a PermanentDeliveryError parks it as failed with its message.
   */
  run(tx: Database, payload: z.output<S>, deps: JobDeps): Promise<void>;
}

export interface Job<S extends z.ZodType = z.ZodType> extends JobDefinition<S> {
  /** The outbox row that queues this job, for enqueue() in the caller's transaction. */
  of(payload: z.input<S>, options?: { createdAt?: Date }): OutboxJob;
}

/** A kind of queued job: its kind, its payload's schema and what it does (one file per domain). */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): Job<S> {
  return {
    ...definition,
    of(payload, { createdAt } = {}) {
      // A payload the worker would refuse is a bug here, not a failed job later.
      const parsed = definition.schema.parse(payload);
      // Everything about one order is sent in the order it was queued.
      const { orderId } = parsed as { orderId?: unknown };
      return {
        kind: definition.kind,
        payload: parsed as Record<string, unknown>,
        dedupeKey: definition.dedupeKey(parsed),
        ...(typeof orderId === "string" && { orderingKey: `order:${orderId}` }),
        ...(createdAt && { createdAt }),
      };
    },
  };
}
