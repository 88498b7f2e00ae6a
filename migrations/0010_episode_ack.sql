ALTER TABLE "sensing_episodes" ADD COLUMN "acked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sensing_episodes" ADD COLUMN "acked_by" bigint;--> statement-breakpoint
ALTER TABLE "sensing_episodes" ADD COLUMN "acked_by_name" text;--> statement-breakpoint
CREATE INDEX "sensing_episodes_unacked_idx" ON "sensing_episodes" USING btree ("tenant_id","id") WHERE acked_at is null;