-- CreateEnum
CREATE TYPE "ReportJobStatus" AS ENUM ('queued', 'generating', 'ready', 'error', 'expired');

-- CreateTable
CREATE TABLE "report_jobs" (
    "id" UUID NOT NULL,
    "type" VARCHAR(40) NOT NULL,
    "with_time" BOOLEAN NOT NULL DEFAULT false,
    "time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "filter" JSONB NOT NULL DEFAULT '{}',
    "file_name" VARCHAR(255) NOT NULL,
    "dialog_url_base" VARCHAR(500) NOT NULL,
    "status" "ReportJobStatus" NOT NULL DEFAULT 'queued',
    "rows_written" INTEGER NOT NULL DEFAULT 0,
    "rows_total" INTEGER,
    "size_bytes" INTEGER,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "worker_id" VARCHAR(100),

    CONSTRAINT "report_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "report_jobs_status_created_at_idx" ON "report_jobs"("status", "created_at");

-- CreateIndex
CREATE INDEX "report_jobs_created_by_id_created_at_idx" ON "report_jobs"("created_by_id", "created_at");

-- CreateIndex
CREATE INDEX "report_jobs_expires_at_idx" ON "report_jobs"("expires_at");

-- AddForeignKey
ALTER TABLE "report_jobs" ADD CONSTRAINT "report_jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

