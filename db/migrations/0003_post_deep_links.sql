ALTER TABLE "posts" ADD COLUMN "deep_link_payload" text;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_deep_link_payload_unique" UNIQUE("deep_link_payload");