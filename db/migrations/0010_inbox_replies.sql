CREATE TABLE "inbox_replies" (
	"inbox_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "inbox_replies_inbox_id_seq_pk" PRIMARY KEY("inbox_id","seq")
);
--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_inbox_id_inbox_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inbox"("id") ON DELETE cascade ON UPDATE no action;