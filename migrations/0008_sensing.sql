CREATE TABLE "sensing_alarms" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensing_alarms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"device_id" bigint NOT NULL,
	"msg_key" text NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensing_dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensing_dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"topic" text,
	"device_code" text,
	"reason" text NOT NULL,
	"detail" text,
	"payload" text,
	"payload_bytes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensing_devices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensing_devices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"address" text,
	"grid_id" bigint,
	"department_id" bigint,
	"area_id" bigint,
	"building_id" bigint,
	"unit_id" bigint,
	"parent_id" bigint,
	"frigate_name" text,
	"topic_prefix" text,
	"key_version" integer DEFAULT 1 NOT NULL,
	"rate_limit" integer,
	"offline_after_s" integer,
	"status" text DEFAULT 'unknown' NOT NULL,
	"status_changed_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"last_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensing_episodes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensing_episodes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"scene_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"dedup_key" text NOT NULL,
	"status" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"clear_reason" text,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updates" integer DEFAULT 0 NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"grid_id" bigint,
	"department_id" bigint,
	"device_id" bigint,
	"zone_id" bigint,
	"case_id" bigint
);
--> statement-breakpoint
CREATE TABLE "sensing_http_nonces" (
	"signature" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"device_id" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensing_scene_states" (
	"scene_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"tenant_id" text NOT NULL,
	"phase" text DEFAULT 'idle' NOT NULL,
	"due_at" timestamp with time zone,
	"episode_id" bigint,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensing_scene_states_scene_id_subject_pk" PRIMARY KEY("scene_id","subject")
);
--> statement-breakpoint
CREATE TABLE "sensing_scenes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensing_scenes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category_code" text NOT NULL,
	"grade" text NOT NULL,
	"auto_register" boolean DEFAULT false NOT NULL,
	"department_id" bigint,
	"cooldown_s" integer DEFAULT 1800 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensing_tenant_keys" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensing_zones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sensing_zones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" text NOT NULL,
	"nvr_id" bigint NOT NULL,
	"camera_id" bigint,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"frigate_name" text NOT NULL,
	"labels" text[] DEFAULT '{}' NOT NULL,
	"lng" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"grid_id" bigint,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"counts_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sensing_alarms_key_uq" ON "sensing_alarms" USING btree ("tenant_id","device_id","msg_key");--> statement-breakpoint
CREATE INDEX "sensing_dead_letters_idx" ON "sensing_dead_letters" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sensing_devices_code_uq" ON "sensing_devices" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "sensing_devices_prefix_uq" ON "sensing_devices" USING btree ("topic_prefix") WHERE topic_prefix is not null;--> statement-breakpoint
CREATE INDEX "sensing_devices_status_idx" ON "sensing_devices" USING btree ("status","last_seen_at");--> statement-breakpoint
CREATE INDEX "sensing_devices_kind_idx" ON "sensing_devices" USING btree ("tenant_id","kind");--> statement-breakpoint
CREATE INDEX "sensing_episodes_tenant_idx" ON "sensing_episodes" USING btree ("tenant_id","status","id");--> statement-breakpoint
CREATE INDEX "sensing_episodes_dedup_idx" ON "sensing_episodes" USING btree ("tenant_id","dedup_key");--> statement-breakpoint
CREATE INDEX "sensing_http_nonces_exp_idx" ON "sensing_http_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sensing_scene_states_due_idx" ON "sensing_scene_states" USING btree ("due_at") WHERE due_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "sensing_scenes_code_uq" ON "sensing_scenes" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "sensing_zones_code_uq" ON "sensing_zones" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "sensing_zones_frigate_uq" ON "sensing_zones" USING btree ("nvr_id","frigate_name");