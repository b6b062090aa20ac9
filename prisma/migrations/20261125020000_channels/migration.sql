-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- DropIndex
DROP INDEX "dialogs_client_id_idx";

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "delivery_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "delivery_error" TEXT,
ADD COLUMN     "delivery_status" "DeliveryStatus",
ADD COLUMN     "external_id" VARCHAR(200),
ADD COLUMN     "next_delivery_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "dialogs_client_id_status_idx" ON "dialogs"("client_id", "status");

-- CreateIndex
CREATE INDEX "dialogs_status_last_message_at_idx" ON "dialogs"("status", "last_message_at");

-- CreateIndex
CREATE UNIQUE INDEX "messages_external_id_key" ON "messages"("external_id");

-- CreateIndex
CREATE INDEX "messages_delivery_status_next_delivery_at_idx" ON "messages"("delivery_status", "next_delivery_at");

