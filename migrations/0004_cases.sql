CREATE SEQUENCE "public"."staff_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "notify_channels" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notify_channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"event_types" text[] NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"cursor" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notify_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"channel_id" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"event_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"last_status" integer,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_categories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"major_code" text NOT NULL,
	"major_name" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_grade" text NOT NULL,
	"department_id" bigint,
	"route_to" text DEFAULT 'department' NOT NULL,
	"limits" jsonb NOT NULL,
	"photo_required" boolean DEFAULT false NOT NULL,
	"dup_radius_m" integer DEFAULT 30 NOT NULL,
	"auto_register" boolean DEFAULT false NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"tenant_id" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "case_evidence" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"case_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"media_type" text,
	"size" integer,
	"sha256" text,
	"content" "bytea",
	"url" text,
	"caption" text,
	"alarm_ref" text,
	"data" jsonb,
	"taken_at" timestamp with time zone,
	"lng" double precision,
	"lat" double precision,
	"added_by" text NOT NULL,
	"original_case_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_grading_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_grading_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"category_codes" text[] DEFAULT '{}' NOT NULL,
	"conditions" jsonb NOT NULL,
	"raise_to" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_kpi_daily" (
	"tenant_id" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"day" date NOT NULL,
	"due" integer DEFAULT 0 NOT NULL,
	"handled" integer DEFAULT 0 NOT NULL,
	"handled_on_time" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_on_time" integer DEFAULT 0 NOT NULL,
	"suspended" integer DEFAULT 0 NOT NULL,
	"dispatched" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"reworked" integer DEFAULT 0 NOT NULL,
	"handle_ms" bigint DEFAULT 0 NOT NULL,
	"urgent_due" integer DEFAULT 0 NOT NULL,
	"urgent_closed_on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_kpi_daily_tenant_id_dim_key_day_pk" PRIMARY KEY("tenant_id","dim","key","day")
);
--> statement-breakpoint
CREATE TABLE "case_reporters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_reporters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"case_id" bigint NOT NULL,
	"name" text,
	"phone" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"user_id" bigint,
	"source" text NOT NULL,
	"original_case_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_routes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_routes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"category_code" text,
	"grid_id" bigint,
	"department_id" bigint NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_timeline" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_timeline_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"case_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text NOT NULL,
	"role" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"public_note" text,
	"photos" bigint[] DEFAULT '{}' NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"source_ref" text,
	"scene_key" text,
	"category_id" bigint NOT NULL,
	"category_code" text NOT NULL,
	"category_name" text NOT NULL,
	"grade" text NOT NULL,
	"grade_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"resume_state" text,
	"description" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"grid_id" bigint,
	"unit_grid_id" bigint,
	"area_id" bigint,
	"department_id" bigint,
	"assignee_id" bigint,
	"inspector_id" bigint,
	"tried_assignees" bigint[] DEFAULT '{}' NOT NULL,
	"returned_departments" bigint[] DEFAULT '{}' NOT NULL,
	"escalated_at" timestamp with time zone,
	"returns" integer DEFAULT 0 NOT NULL,
	"reworks" integer DEFAULT 0 NOT NULL,
	"postponements" integer DEFAULT 0 NOT NULL,
	"urges" integer DEFAULT 0 NOT NULL,
	"postpone_request" jsonb,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"step" text,
	"step_started_at" timestamp with time zone,
	"step_due_at" timestamp with time zone,
	"step_warn_at" timestamp with time zone,
	"step_warned_at" timestamp with time zone,
	"step_overdue_at" timestamp with time zone,
	"step_clock" boolean DEFAULT false NOT NULL,
	"accept_due_at" timestamp with time zone,
	"handle_due_at" timestamp with time zone,
	"handled_on_time" boolean,
	"suspended_remaining_ms" bigint,
	"reported_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"checked_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"close_type" text,
	"cancel_reason" text,
	"master_id" bigint,
	"created_by" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_positions" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"accuracy_m" double precision,
	"at" timestamp with time zone NOT NULL,
	"seq" bigint DEFAULT nextval('staff_position_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_shifts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"user_id" bigint NOT NULL,
	"days" text NOT NULL,
	"start" text NOT NULL,
	"end" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_channel_id_notify_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notify_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notify_channels_tenant_idx" ON "notify_channels" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_deliveries_uq" ON "notify_deliveries" USING btree ("channel_id","event_id");--> statement-breakpoint
CREATE INDEX "notify_deliveries_due_idx" ON "notify_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "notify_deliveries_tenant_idx" ON "notify_deliveries" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_categories_code_uq" ON "case_categories" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_grading_rules_tenant_idx" ON "case_grading_rules" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "case_reporters_case_idx" ON "case_reporters" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_routes_tenant_idx" ON "case_routes" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "case_timeline_case_idx" ON "case_timeline" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_uq" ON "cases" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "cases_time_idx" ON "cases" USING btree ("tenant_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "cases_open_time_idx" ON "cases" USING btree ("tenant_id","reported_at","id") WHERE state not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "cases_grid_idx" ON "cases" USING btree ("tenant_id","grid_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "cases_department_idx" ON "cases" USING btree ("tenant_id","department_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "cases_category_idx" ON "cases" USING btree ("tenant_id","category_id","reported_at","id");--> statement-breakpoint
CREATE INDEX "cases_open_category_idx" ON "cases" USING btree ("tenant_id","category_id","lat") WHERE state not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("tenant_id","assignee_id") WHERE state in ('dispatched', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "cases_scene_uq" ON "cases" USING btree ("tenant_id","scene_key") WHERE scene_key is not null and state not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "cases_warn_idx" ON "cases" USING btree ("step_warn_at") WHERE step_warned_at is null and step_warn_at is not null;--> statement-breakpoint
CREATE INDEX "cases_overdue_idx" ON "cases" USING btree ("step_due_at") WHERE step_overdue_at is null and step_due_at is not null;--> statement-breakpoint
CREATE INDEX "cases_accept_idx" ON "cases" USING btree ("accept_due_at") WHERE accept_due_at is not null;--> statement-breakpoint
CREATE INDEX "cases_master_idx" ON "cases" USING btree ("master_id") WHERE master_id is not null;--> statement-breakpoint
CREATE INDEX "staff_positions_seq_idx" ON "staff_positions" USING btree ("tenant_id","seq");--> statement-breakpoint
CREATE INDEX "staff_shifts_tenant_idx" ON "staff_shifts" USING btree ("tenant_id","user_id");