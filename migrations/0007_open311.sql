CREATE TABLE "open311_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "open311_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"token" text NOT NULL,
	"key_id" bigint NOT NULL,
	"case_id" bigint NOT NULL,
	"fingerprint" text NOT NULL,
	"account_id" text,
	"device_id" text,
	"address_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_evidence" ADD COLUMN "public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_reporters" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "channel" text;--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_token_uq" ON "open311_requests" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_requests_fingerprint_uq" ON "open311_requests" USING btree ("tenant_id","key_id","fingerprint");--> statement-breakpoint
CREATE INDEX "open311_requests_case_idx" ON "open311_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_timeline_public_idx" ON "case_timeline" USING btree ("tenant_id","at","id") WHERE public_note is not null;