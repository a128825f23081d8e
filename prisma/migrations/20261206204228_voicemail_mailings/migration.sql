-- CreateTable
CREATE TABLE "voicemail_mailings" (
    "message_uuid" TEXT NOT NULL PRIMARY KEY,
    "claimed_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "voicemail_mailings_claimed_at_idx" ON "voicemail_mailings"("claimed_at");
