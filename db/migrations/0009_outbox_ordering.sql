ALTER TABLE "outbox" ADD COLUMN "ordering_key" text;--> statement-breakpoint
CREATE INDEX "outbox_pending_order_idx" ON "outbox" USING btree ("ordering_key","id") WHERE "outbox"."status" = 'pending';