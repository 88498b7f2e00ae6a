CREATE TABLE "calendar_years" (
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"holidays" jsonb NOT NULL,
	"workdays" jsonb NOT NULL,
	"source" text NOT NULL,
	"uploaded_by" bigint,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
