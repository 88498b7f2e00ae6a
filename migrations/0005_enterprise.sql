CREATE TABLE "ent_categories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"email" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"user_id" bigint
);
--> statement-breakpoint
CREATE TABLE "ent_event_registrations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_event_registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"event_id" bigint NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"attendee_name" text NOT NULL,
	"attendee_phone" text,
	"registered_by" bigint,
	"registered_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"attended" boolean,
	"attendance_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ent_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_handovers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_handovers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"request_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"from_user_id" bigint,
	"to_user_id" bigint NOT NULL,
	"initiated_by" bigint NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"response_note" text
);
--> statement-breakpoint
CREATE TABLE "ent_item_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_item_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"item_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"note" text,
	"changed_by" bigint,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"subcategory_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"limit_days" integer NOT NULL,
	"price_note" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint
);
--> statement-breakpoint
CREATE TABLE "ent_lifecycle" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_lifecycle_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"ref_type" text,
	"ref_id" bigint,
	"note" text,
	"by_user_id" bigint
);
--> statement-breakpoint
CREATE TABLE "ent_offices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_offices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL,
	"department_id" bigint,
	"address" text,
	"phone" text,
	"illustrative" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_request_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_request_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"request_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" bigint,
	"kind" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_request_steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_request_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"request_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"office_id" bigint NOT NULL,
	"task" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"finished_by" bigint
);
--> statement-breakpoint
CREATE TABLE "ent_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"item_version" integer NOT NULL,
	"channel" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"received_by" bigint,
	"owner_id" bigint,
	"submitted_by" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"limit_days" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone NOT NULL,
	"warned_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completion_note" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"rating_score" smallint,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"rated_by" bigint,
	"visit_id" bigint,
	"finding_id" bigint
);
--> statement-breakpoint
CREATE TABLE "ent_street_problems" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_street_problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"request_id" bigint,
	"finding_id" bigint,
	"enterprise_id" bigint,
	"building_id" bigint,
	"category_hint" text,
	"description" text NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"address" text,
	"grid_id" bigint,
	"reported_by" bigint NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"case_ref" text,
	"linked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ent_subcategories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_subcategories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"category_id" bigint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_visit_enterprises" (
	"tenant_id" text NOT NULL,
	"visit_id" bigint NOT NULL,
	"enterprise_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_visit_findings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_visit_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"visit_id" bigint NOT NULL,
	"enterprise_id" bigint,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"item_id" bigint,
	"request_id" bigint,
	"street_problem_id" bigint
);
--> statement-breakpoint
CREATE TABLE "ent_visit_plans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_visit_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"month" text NOT NULL,
	"building_id" bigint NOT NULL,
	"planned_on" date NOT NULL,
	"agent_id" bigint,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ent_visits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ent_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"building_id" bigint NOT NULL,
	"plan_id" bigint,
	"visited_at" timestamp with time zone NOT NULL,
	"agent_ids" bigint[] NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"recorded_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprises_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"building_id" bigint NOT NULL,
	"floor" integer NOT NULL,
	"room" text,
	"industry" text NOT NULL,
	"size" text NOT NULL,
	"stage" text NOT NULL,
	"project_tier" text,
	"settled_on" date,
	"illustrative" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ent_contacts" ADD CONSTRAINT "ent_contacts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_event_registrations" ADD CONSTRAINT "ent_event_registrations_event_id_ent_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."ent_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_event_registrations" ADD CONSTRAINT "ent_event_registrations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_handovers" ADD CONSTRAINT "ent_handovers_request_id_ent_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."ent_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_item_versions" ADD CONSTRAINT "ent_item_versions_item_id_ent_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ent_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_items" ADD CONSTRAINT "ent_items_subcategory_id_ent_subcategories_id_fk" FOREIGN KEY ("subcategory_id") REFERENCES "public"."ent_subcategories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_lifecycle" ADD CONSTRAINT "ent_lifecycle_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_request_log" ADD CONSTRAINT "ent_request_log_request_id_ent_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."ent_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_request_steps" ADD CONSTRAINT "ent_request_steps_request_id_ent_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."ent_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_request_steps" ADD CONSTRAINT "ent_request_steps_office_id_ent_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."ent_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_requests" ADD CONSTRAINT "ent_requests_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_requests" ADD CONSTRAINT "ent_requests_item_id_ent_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."ent_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_subcategories" ADD CONSTRAINT "ent_subcategories_category_id_ent_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."ent_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_visit_enterprises" ADD CONSTRAINT "ent_visit_enterprises_visit_id_ent_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."ent_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_visit_enterprises" ADD CONSTRAINT "ent_visit_enterprises_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ent_visit_findings" ADD CONSTRAINT "ent_visit_findings_visit_id_ent_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."ent_visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ent_categories_code_uq" ON "ent_categories" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "ent_contacts_ent_idx" ON "ent_contacts" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "ent_event_reg_event_idx" ON "ent_event_registrations" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "ent_event_reg_ent_idx" ON "ent_event_registrations" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "ent_events_starts_idx" ON "ent_events" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "ent_handovers_req_idx" ON "ent_handovers" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "ent_handovers_to_idx" ON "ent_handovers" USING btree ("tenant_id","to_user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ent_item_versions_uq" ON "ent_item_versions" USING btree ("item_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ent_items_code_uq" ON "ent_items" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "ent_items_sub_idx" ON "ent_items" USING btree ("tenant_id","subcategory_id");--> statement-breakpoint
CREATE INDEX "ent_lifecycle_ent_idx" ON "ent_lifecycle" USING btree ("tenant_id","enterprise_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "ent_offices_code_uq" ON "ent_offices" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "ent_request_log_req_idx" ON "ent_request_log" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "ent_request_steps_req_idx" ON "ent_request_steps" USING btree ("request_id","seq");--> statement-breakpoint
CREATE INDEX "ent_requests_status_due_idx" ON "ent_requests" USING btree ("tenant_id","status","due_at");--> statement-breakpoint
CREATE INDEX "ent_requests_ent_idx" ON "ent_requests" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "ent_requests_owner_idx" ON "ent_requests" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "ent_requests_created_idx" ON "ent_requests" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "ent_street_problems_idx" ON "ent_street_problems" USING btree ("tenant_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ent_subcategories_code_uq" ON "ent_subcategories" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "ent_visit_enterprises_uq" ON "ent_visit_enterprises" USING btree ("visit_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "ent_visit_enterprises_ent_idx" ON "ent_visit_enterprises" USING btree ("tenant_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "ent_visit_findings_visit_idx" ON "ent_visit_findings" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ent_visit_plans_uq" ON "ent_visit_plans" USING btree ("tenant_id","month","building_id");--> statement-breakpoint
CREATE INDEX "ent_visits_building_idx" ON "ent_visits" USING btree ("tenant_id","building_id","visited_at");--> statement-breakpoint
CREATE INDEX "ent_visits_at_idx" ON "ent_visits" USING btree ("tenant_id","visited_at");--> statement-breakpoint
CREATE INDEX "enterprises_building_idx" ON "enterprises" USING btree ("tenant_id","building_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_credit_uq" ON "enterprises" USING btree ("tenant_id","credit_code");--> statement-breakpoint
CREATE INDEX "enterprises_name_idx" ON "enterprises" USING btree ("tenant_id","name");