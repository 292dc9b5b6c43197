ALTER TABLE "deep_link_starts" ADD COLUMN "update_id" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "deep_link_starts_update_id_key" ON "deep_link_starts" USING btree ("update_id");