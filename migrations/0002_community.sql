CREATE TABLE "ballots" (
	"tenant_id" text NOT NULL,
	"consultation_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"head_key" bigint NOT NULL,
	"area" bigint NOT NULL,
	"choice" text NOT NULL,
	"channel" text NOT NULL,
	"paper_ref" text,
	"owner_id" bigint,
	"cast_by" bigint NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ballots_consultation_id_unit_id_pk" PRIMARY KEY("consultation_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "committee_meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "committee_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"committee_id" bigint NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"place" text,
	"agenda" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" text,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "committee_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"committee_id" bigint NOT NULL,
	"user_id" bigint,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"represents" text,
	"phone" text,
	"since" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultation_electors" (
	"tenant_id" text NOT NULL,
	"consultation_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"building_id" bigint NOT NULL,
	"unit_code" text NOT NULL,
	"floor" integer NOT NULL,
	"area" bigint NOT NULL,
	"head_key" bigint NOT NULL,
	"owner_ids" bigint[] NOT NULL,
	CONSTRAINT "consultation_electors_consultation_id_unit_id_pk" PRIMARY KEY("consultation_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"public_code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"matter" text NOT NULL,
	"scope_kind" text NOT NULL,
	"building_id" bigint,
	"area_id" bigint,
	"committee_id" bigint,
	"head_rule" text DEFAULT 'per_holder' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"closes_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"electorate_units" integer,
	"electorate_heads" integer,
	"electorate_area" bigint,
	"result" jsonb,
	"ballots_digest" text,
	"plan_id" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "convention_acks" (
	"tenant_id" text NOT NULL,
	"version_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"owner_id" bigint,
	"recorded_by" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "convention_acks_version_id_unit_id_pk" PRIMARY KEY("version_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "convention_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "convention_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"convention_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"change_note" text,
	"status" text DEFAULT 'drafting' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conventions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "conventions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"building_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"area_id" bigint,
	"committee_id" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_plan_shares" (
	"tenant_id" text NOT NULL,
	"plan_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"basis" text NOT NULL,
	"owner_id" bigint,
	CONSTRAINT "cost_plan_shares_plan_id_unit_id_pk" PRIMARY KEY("plan_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "cost_plans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cost_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"building_id" bigint NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"total" bigint NOT NULL,
	"fund" bigint NOT NULL,
	"property" bigint NOT NULL,
	"fixed_shares" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"formula" text NOT NULL,
	"floor_weights" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_adoptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_adoptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"project_id" bigint NOT NULL,
	"item" text NOT NULL,
	"adopter" text NOT NULL,
	"user_id" bigint,
	"since" date NOT NULL,
	"until" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"project_id" bigint NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_photos" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_photos_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"project_id" bigint NOT NULL,
	"phase" text NOT NULL,
	"file_key" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" integer NOT NULL,
	"caption" text,
	"uploaded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_pledges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_pledges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"project_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"pledger" text NOT NULL,
	"user_id" bigint,
	"description" text NOT NULL,
	"quantity" integer,
	"amount" bigint,
	"hours" integer,
	"fulfilled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "renewal_projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "renewal_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"area_id" bigint,
	"building_id" bigint,
	"location" text DEFAULT '' NOT NULL,
	"size_m2" integer,
	"budget" bigint,
	"committee_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" bigint,
	"decided_by" bigint,
	"started_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_electors" ADD CONSTRAINT "consultation_electors_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_acks" ADD CONSTRAINT "convention_acks_version_id_convention_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."convention_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_versions" ADD CONSTRAINT "convention_versions_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_plan_shares" ADD CONSTRAINT "cost_plan_shares_plan_id_cost_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."cost_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_adoptions" ADD CONSTRAINT "project_adoptions_project_id_renewal_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."renewal_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_renewal_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."renewal_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_project_id_renewal_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."renewal_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_pledges" ADD CONSTRAINT "project_pledges_project_id_renewal_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."renewal_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "committee_meetings_c_idx" ON "committee_meetings" USING btree ("tenant_id","committee_id","held_at");--> statement-breakpoint
CREATE INDEX "committee_members_c_idx" ON "committee_members" USING btree ("tenant_id","committee_id");--> statement-breakpoint
CREATE INDEX "consultation_electors_owner_idx" ON "consultation_electors" USING gin ("owner_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_code_uq" ON "consultations" USING btree ("public_code");--> statement-breakpoint
CREATE INDEX "consultations_scope_idx" ON "consultations" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "convention_versions_uq" ON "convention_versions" USING btree ("convention_id","version");--> statement-breakpoint
CREATE INDEX "conventions_tenant_idx" ON "conventions" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "cost_plans_building_idx" ON "cost_plans" USING btree ("tenant_id","building_id");--> statement-breakpoint
CREATE INDEX "project_adoptions_p_idx" ON "project_adoptions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_milestones_p_idx" ON "project_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_photos_p_idx" ON "project_photos" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_pledges_p_idx" ON "project_pledges" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "renewal_projects_tenant_idx" ON "renewal_projects" USING btree ("tenant_id","status");