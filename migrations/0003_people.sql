CREATE TABLE "activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"format" text,
	"series" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text NOT NULL,
	"partner" text,
	"service_point_id" bigint,
	"venue" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"area_id" bigint,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"organiser_user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_registrations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"activity_id" bigint NOT NULL,
	"user_id" bigint,
	"resident_id" bigint,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checkin_code" text NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" bigint
);
--> statement-breakpoint
CREATE TABLE "care_alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"elderly_id" bigint NOT NULL,
	"committee_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"case_ref" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" bigint
);
--> statement-breakpoint
CREATE TABLE "care_visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"elderly_id" bigint NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"visitor_user_id" bigint,
	"mode" text NOT NULL,
	"outcome" text NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elderly" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "elderly_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"resident_id" bigint NOT NULL,
	"area_id" bigint NOT NULL,
	"committee_id" bigint NOT NULL,
	"lives_alone" boolean NOT NULL,
	"care_level" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by" bigint,
	"last_visit_at" timestamp with time zone,
	"plan_rule_id" bigint,
	"next_visit_due" timestamp with time zone,
	"plan_day" date,
	"overdue_alerted_for" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elderly_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "elderly_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"elderly_id" bigint NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"phone" text NOT NULL,
	"priority" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "residents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"unit_id" bigint NOT NULL,
	"building_id" bigint NOT NULL,
	"area_id" bigint,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"owner_id" bigint,
	"user_id" bigint,
	"household_role" text DEFAULT 'member' NOT NULL,
	"moved_out_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensor_consents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensor_consents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"elderly_id" bigint NOT NULL,
	"device_code" text NOT NULL,
	"device_kind" text NOT NULL,
	"given_by" text NOT NULL,
	"guardian_name" text,
	"note" text,
	"granted_at" timestamp with time zone NOT NULL,
	"recorded_by" bigint,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" bigint
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"elderly_id" bigint NOT NULL,
	"area_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"service_point_id" bigint,
	"scheduled_for" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"note" text,
	"cancel_reason" text,
	"requested_by" bigint,
	"requested_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_points" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"phone" text,
	"open_hours" text,
	"services" text[] DEFAULT '{}' NOT NULL,
	"area_id" bigint,
	"illustrative" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_rules" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "visit_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"min_age" integer DEFAULT 60 NOT NULL,
	"max_age" integer,
	"lives_alone" boolean,
	"min_care_level" integer,
	"every" integer NOT NULL,
	"unit" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_hours" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_hours_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"volunteer_id" bigint NOT NULL,
	"task_id" bigint,
	"served_on" date NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'recorded' NOT NULL,
	"recorded_by" bigint,
	"recorded_at" timestamp with time zone NOT NULL,
	"reviewed_by" bigint,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_signups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"task_id" bigint NOT NULL,
	"volunteer_id" bigint NOT NULL,
	"status" text NOT NULL,
	"signed_up_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "volunteer_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteer_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"area_id" bigint,
	"building_id" bigint,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"slots" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"organiser_user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "volunteers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"user_id" bigint,
	"resident_id" bigint,
	"name" text NOT NULL,
	"phone" text,
	"building_id" bigint NOT NULL,
	"area_id" bigint,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_registrations" ADD CONSTRAINT "activity_registrations_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_alerts" ADD CONSTRAINT "care_alerts_elderly_id_elderly_id_fk" FOREIGN KEY ("elderly_id") REFERENCES "public"."elderly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_visits" ADD CONSTRAINT "care_visits_elderly_id_elderly_id_fk" FOREIGN KEY ("elderly_id") REFERENCES "public"."elderly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elderly" ADD CONSTRAINT "elderly_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elderly_contacts" ADD CONSTRAINT "elderly_contacts_elderly_id_elderly_id_fk" FOREIGN KEY ("elderly_id") REFERENCES "public"."elderly"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensor_consents" ADD CONSTRAINT "sensor_consents_elderly_id_elderly_id_fk" FOREIGN KEY ("elderly_id") REFERENCES "public"."elderly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_elderly_id_elderly_id_fk" FOREIGN KEY ("elderly_id") REFERENCES "public"."elderly"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_task_id_volunteer_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."volunteer_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_registrations_active_uq" ON "activity_registrations" USING btree ("activity_id","user_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "activity_registrations_resident_uq" ON "activity_registrations" USING btree ("activity_id","resident_id") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "activity_registrations_activity_idx" ON "activity_registrations" USING btree ("tenant_id","activity_id","status");--> statement-breakpoint
CREATE INDEX "activity_registrations_user_idx" ON "activity_registrations" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "care_alerts_committee_idx" ON "care_alerts" USING btree ("tenant_id","committee_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "care_visits_elderly_idx" ON "care_visits" USING btree ("tenant_id","elderly_id","visited_at");--> statement-breakpoint
CREATE UNIQUE INDEX "elderly_resident_uq" ON "elderly" USING btree ("tenant_id","resident_id");--> statement-breakpoint
CREATE INDEX "elderly_committee_idx" ON "elderly" USING btree ("tenant_id","committee_id");--> statement-breakpoint
CREATE INDEX "elderly_area_idx" ON "elderly" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE INDEX "elderly_due_idx" ON "elderly" USING btree ("tenant_id","next_visit_due");--> statement-breakpoint
CREATE INDEX "elderly_contacts_elderly_idx" ON "elderly_contacts" USING btree ("tenant_id","elderly_id");--> statement-breakpoint
CREATE INDEX "residents_unit_idx" ON "residents" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "residents_area_idx" ON "residents" USING btree ("tenant_id","area_id");--> statement-breakpoint
CREATE INDEX "residents_user_idx" ON "residents" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sensor_consents_active_uq" ON "sensor_consents" USING btree ("tenant_id","device_code") WHERE withdrawn_at is null;--> statement-breakpoint
CREATE INDEX "sensor_consents_elderly_idx" ON "sensor_consents" USING btree ("tenant_id","elderly_id");--> statement-breakpoint
CREATE INDEX "service_orders_status_idx" ON "service_orders" USING btree ("tenant_id","status","scheduled_for");--> statement-breakpoint
CREATE INDEX "service_orders_elderly_idx" ON "service_orders" USING btree ("tenant_id","elderly_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_points_code_uq" ON "service_points" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "visit_rules_tenant_idx" ON "visit_rules" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE INDEX "volunteer_hours_volunteer_idx" ON "volunteer_hours" USING btree ("tenant_id","volunteer_id","served_on");--> statement-breakpoint
CREATE INDEX "volunteer_hours_status_idx" ON "volunteer_hours" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_active_uq" ON "volunteer_signups" USING btree ("task_id","volunteer_id") WHERE status = 'signed_up';--> statement-breakpoint
CREATE INDEX "volunteer_tasks_starts_idx" ON "volunteer_tasks" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_user_uq" ON "volunteers" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "volunteers_building_idx" ON "volunteers" USING btree ("tenant_id","building_id");