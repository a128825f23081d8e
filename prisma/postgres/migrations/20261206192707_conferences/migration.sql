-- CreateTable
CREATE TABLE "conferences" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "pin_length" INTEGER NOT NULL DEFAULT 4,
    "pin" TEXT NOT NULL DEFAULT '',
    "moderator_pin" TEXT NOT NULL DEFAULT '',
    "pin_retries" INTEGER NOT NULL DEFAULT 3,
    "greeting" TEXT NOT NULL DEFAULT '',
    "max_members" INTEGER NOT NULL DEFAULT 0,
    "record" BOOLEAN NOT NULL DEFAULT false,
    "wait_mod" BOOLEAN NOT NULL DEFAULT false,
    "profile" TEXT NOT NULL DEFAULT 'default',
    "hold_music" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "conferences_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "conferences_tenant_id_extension_key" ON "conferences"("tenant_id", "extension");

-- AddForeignKey
ALTER TABLE "conferences" ADD CONSTRAINT "conferences_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
