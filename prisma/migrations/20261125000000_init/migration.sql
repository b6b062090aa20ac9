-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('web', 'facebook');

-- CreateEnum
CREATE TYPE "DialogStatus" AS ENUM ('active', 'closed');

-- CreateEnum
CREATE TYPE "AuthorType" AS ENUM ('client', 'bot', 'operator', 'system');

-- CreateEnum
CREATE TYPE "AdminRole" AS ENUM ('admin', 'operator', 'viewer');

-- CreateTable
CREATE TABLE "chats" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "public_key" VARCHAR(64) NOT NULL,
    "allowed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "greeting" TEXT,
    "bot_rules" JSONB NOT NULL DEFAULT '[]',
    "fallback_answer" TEXT,
    "inactivity_timeout_minutes" INTEGER NOT NULL DEFAULT 30,
    "price_web" DECIMAL(14,4) NOT NULL DEFAULT 0,
    "price_facebook" DECIMAL(14,4) NOT NULL DEFAULT 0,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'USD',
    "fb_page_id" VARCHAR(64),
    "fb_page_name" VARCHAR(200),
    "fb_page_token_enc" TEXT,
    "fb_app_secret_enc" TEXT,
    "fb_verify_token" VARCHAR(64),
    "fb_connected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clients" (
    "id" SERIAL NOT NULL,
    "chat_id" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "external_id" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dialogs" (
    "id" UUID NOT NULL,
    "chat_id" INTEGER NOT NULL,
    "client_id" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "DialogStatus" NOT NULL DEFAULT 'active',
    "operator_id" INTEGER,
    "transferred_at" TIMESTAMPTZ(3),
    "first_operator_reply_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "last_message_at" TIMESTAMPTZ(3),
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(14,4) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dialogs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" SERIAL NOT NULL,
    "dialog_id" UUID NOT NULL,
    "author_type" "AuthorType" NOT NULL,
    "author_name" VARCHAR(200),
    "operator_id" INTEGER,
    "text" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "is_paid" BOOLEAN NOT NULL DEFAULT false,
    "cost" DECIMAL(14,4) NOT NULL DEFAULT 0,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "markers" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "markers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dialog_markers" (
    "dialog_id" UUID NOT NULL,
    "marker_id" INTEGER NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dialog_markers_pkey" PRIMARY KEY ("dialog_id","marker_id")
);

-- CreateTable
CREATE TABLE "page_visits" (
    "id" SERIAL NOT NULL,
    "dialog_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "visited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "page_visits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_users" (
    "id" SERIAL NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(200),
    "password_hash" TEXT NOT NULL,
    "role" "AdminRole" NOT NULL DEFAULT 'operator',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "admin_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "sid" VARCHAR(128) NOT NULL,
    "data" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE UNIQUE INDEX "chats_public_key_key" ON "chats"("public_key");

-- CreateIndex
CREATE INDEX "chats_name_idx" ON "chats"("name");

-- CreateIndex
CREATE INDEX "clients_external_id_idx" ON "clients"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "clients_chat_id_channel_external_id_key" ON "clients"("chat_id", "channel", "external_id");

-- CreateIndex
CREATE INDEX "dialogs_created_at_idx" ON "dialogs"("created_at");

-- CreateIndex
CREATE INDEX "dialogs_chat_id_created_at_idx" ON "dialogs"("chat_id", "created_at");

-- CreateIndex
CREATE INDEX "dialogs_status_created_at_idx" ON "dialogs"("status", "created_at");

-- CreateIndex
CREATE INDEX "dialogs_channel_created_at_idx" ON "dialogs"("channel", "created_at");

-- CreateIndex
CREATE INDEX "dialogs_operator_id_created_at_idx" ON "dialogs"("operator_id", "created_at");

-- CreateIndex
CREATE INDEX "dialogs_client_id_idx" ON "dialogs"("client_id");

-- CreateIndex
CREATE INDEX "dialogs_cost_idx" ON "dialogs"("cost");

-- CreateIndex
CREATE INDEX "dialogs_transferred_at_first_operator_reply_at_idx" ON "dialogs"("transferred_at", "first_operator_reply_at");

-- CreateIndex
CREATE INDEX "messages_dialog_id_sent_at_idx" ON "messages"("dialog_id", "sent_at");

-- CreateIndex
CREATE INDEX "messages_author_type_sent_at_idx" ON "messages"("author_type", "sent_at");

-- CreateIndex
CREATE INDEX "messages_sent_at_idx" ON "messages"("sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "markers_name_key" ON "markers"("name");

-- CreateIndex
CREATE INDEX "dialog_markers_marker_id_dialog_id_idx" ON "dialog_markers"("marker_id", "dialog_id");

-- CreateIndex
CREATE INDEX "page_visits_dialog_id_visited_at_idx" ON "page_visits"("dialog_id", "visited_at");

-- CreateIndex
CREATE UNIQUE INDEX "admin_users_email_key" ON "admin_users"("email");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "clients" ADD CONSTRAINT "clients_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialogs" ADD CONSTRAINT "dialogs_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialogs" ADD CONSTRAINT "dialogs_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialogs" ADD CONSTRAINT "dialogs_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_dialog_id_fkey" FOREIGN KEY ("dialog_id") REFERENCES "dialogs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "admin_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialog_markers" ADD CONSTRAINT "dialog_markers_dialog_id_fkey" FOREIGN KEY ("dialog_id") REFERENCES "dialogs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dialog_markers" ADD CONSTRAINT "dialog_markers_marker_id_fkey" FOREIGN KEY ("marker_id") REFERENCES "markers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_visits" ADD CONSTRAINT "page_visits_dialog_id_fkey" FOREIGN KEY ("dialog_id") REFERENCES "dialogs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

