-- UNLOGGED (edited after generation; Drizzle does not model it): rate-limit counters need
-- not survive a crash, and writes to an unlogged table do not wait for the WAL (ADR 1012)
CREATE UNLOGGED TABLE "rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
