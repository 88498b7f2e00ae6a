CREATE TABLE "event_cursors" (
	"worker" text NOT NULL,
	"tenant_id" text NOT NULL,
	"cursor" bigint NOT NULL,
	CONSTRAINT "event_cursors_worker_tenant_id_pk" PRIMARY KEY("worker","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "event_jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"worker" text NOT NULL,
	"tenant_id" text NOT NULL,
	"event_id" bigint NOT NULL,
	"group_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"leased_until" timestamp with time zone,
	"done_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "event_jobs_uq" ON "event_jobs" USING btree ("worker","event_id");--> statement-breakpoint
CREATE INDEX "event_jobs_pending_idx" ON "event_jobs" USING btree ("worker","id") WHERE done_at is null;