-- CreateTable
CREATE TABLE "voicemail_mailings" (
    "message_uuid" TEXT NOT NULL,
    "claimed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "voicemail_mailings_pkey" PRIMARY KEY ("message_uuid")
);

-- CreateIndex
CREATE INDEX "voicemail_mailings_claimed_at_idx" ON "voicemail_mailings"("claimed_at");
