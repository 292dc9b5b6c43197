CREATE TYPE "public"."inbox_status" AS ENUM('pending', 'done', 'parked');--> statement-breakpoint
CREATE TABLE "inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"ordering_key" text,
	"payload" jsonb NOT NULL,
	"priority" smallint DEFAULT 0 NOT NULL,
	"status" "inbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "telegram_send_pace" (
	"key" text PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP TABLE "telegram_updates" CASCADE;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_source_external_id_key" ON "inbox" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "inbox_due_idx" ON "inbox" USING btree ("status","run_after");--> statement-breakpoint
CREATE INDEX "inbox_pending_claim_idx" ON "inbox" USING btree ("priority" DESC NULLS LAST,"id") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_pending_order_idx" ON "inbox" USING btree ("ordering_key","id") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_received_at_idx" ON "inbox" USING btree ("created_at");