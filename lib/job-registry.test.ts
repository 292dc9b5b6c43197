import { describe, expect, it } from "vitest";
import type { JobDeps } from "@/lib/jobs/define-job";
import { jobDispatcher } from "@/lib/jobs/dispatch-job";
import { jobRegistry } from "./job-registry";

const deps = { publicUrl: "https://shop.example.com" } as JobDeps;

describe("the registry", () => {
  it("lists each kind queued today once", () => {
    expect(jobRegistry.map((job) => job.kind).sort()).toEqual([
      "alert.opened",
      "alert.resolved",
      "checkout.session.expire",
      "credit-note.create",
      "credit-note.email.buyer",
      "credit-note.ready.buyer",
      "invoice.create",
      "invoice.email.buyer",
      "invoice.ready.buyer",
      "order.expired.buyer",
      "order.oversold.seller",
      "order.paid.buyer",
      "order.paid.seller",
      "order.partly_refunded.buyer",
      "order.pay_button.replaced",
      "order.payment.refund",
      "order.payment_failed.buyer",
      "order.payment_refunding.buyer",
      "order.refunded.buyer",
      "order.status.buyer",
      "order.tracking_corrected.buyer",
      "payment.flagged",
      "posts.refresh",
    ]);
    expect(() => jobDispatcher(jobRegistry, deps)).not.toThrow();
  });

  it("keeps the payloads and dedupe keys of rows already in the database", () => {
    const orderId = "5f0c8a52-9d3e-4c57-8f0e-2b1d6c1a9e77";
    const byKind = new Map(jobRegistry.map((job) => [job.kind, job]));
    expect(byKind.get("order.status.buyer")?.of({ orderId, variant: "shipped" })).toEqual({
      kind: "order.status.buyer",
      payload: { orderId, variant: "shipped" },
      dedupeKey: `order.status.buyer:${orderId}:shipped`,
      // New rows are also ordered with the order's other messages.
      orderingKey: `order:${orderId}`,
    });
    expect(byKind.get("order.paid.buyer")?.of({ orderId })).toEqual({
      kind: "order.paid.buyer",
      payload: { orderId },
      dedupeKey: `order.paid.buyer:${orderId}`,
      orderingKey: `order:${orderId}`,
    });
    const alert = { incidentId: orderId, userId: orderId, monitoringUrl: "https://x/monitoring" };
    expect(byKind.get("alert.opened")?.of(alert).dedupeKey).toBe(
      `alert.opened:${orderId}:${orderId}`,
    );
  });
});
