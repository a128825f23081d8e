-- CreateTable
CREATE TABLE "voicemails" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "extension_id" TEXT NOT NULL,
    "file" TEXT NOT NULL DEFAULT 'attach',
    "keep_local_after_email" BOOLEAN NOT NULL DEFAULT true,
    "sms_to" TEXT NOT NULL DEFAULT '',
    "transcription_enabled" BOOLEAN NOT NULL DEFAULT false,
    "tutorial" BOOLEAN NOT NULL DEFAULT false,
    "recording_instructions" BOOLEAN NOT NULL DEFAULT false,
    "recording_options" BOOLEAN NOT NULL DEFAULT false,
    "alternate_greet_id" TEXT NOT NULL DEFAULT '',
    "greeting_id" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "voicemails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "voicemail_greetings" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "voicemail_id" TEXT NOT NULL,
    "greeting_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "file_name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "format" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "voicemail_greetings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "voicemails_extension_id_key" ON "voicemails"("extension_id");

-- CreateIndex
CREATE INDEX "voicemails_tenant_id_idx" ON "voicemails"("tenant_id");

-- CreateIndex
CREATE INDEX "voicemail_greetings_tenant_id_idx" ON "voicemail_greetings"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "voicemail_greetings_voicemail_id_greeting_id_key" ON "voicemail_greetings"("voicemail_id", "greeting_id");

-- AddForeignKey
ALTER TABLE "voicemails" ADD CONSTRAINT "voicemails_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voicemails" ADD CONSTRAINT "voicemails_extension_id_fkey" FOREIGN KEY ("extension_id") REFERENCES "extensions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voicemail_greetings" ADD CONSTRAINT "voicemail_greetings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "voicemail_greetings" ADD CONSTRAINT "voicemail_greetings_voicemail_id_fkey" FOREIGN KEY ("voicemail_id") REFERENCES "voicemails"("id") ON DELETE CASCADE ON UPDATE CASCADE;
