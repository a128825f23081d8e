-- CreateTable
CREATE TABLE "follow_me" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "extension_id" TEXT NOT NULL,
    "cid_name_prefix" TEXT NOT NULL DEFAULT '',
    "cid_number_prefix" TEXT NOT NULL DEFAULT '',
    "ignore_busy" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "follow_me_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_me_destinations" (
    "id" TEXT NOT NULL,
    "follow_me_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'extension',
    "delay" INTEGER NOT NULL DEFAULT 0,
    "timeout" INTEGER NOT NULL DEFAULT 30,
    "prompt" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "follow_me_destinations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "follow_me_extension_id_key" ON "follow_me"("extension_id");

-- CreateIndex
CREATE INDEX "follow_me_tenant_id_idx" ON "follow_me"("tenant_id");

-- CreateIndex
CREATE INDEX "follow_me_destinations_follow_me_id_idx" ON "follow_me_destinations"("follow_me_id");

-- AddForeignKey
ALTER TABLE "follow_me" ADD CONSTRAINT "follow_me_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_me" ADD CONSTRAINT "follow_me_extension_id_fkey" FOREIGN KEY ("extension_id") REFERENCES "extensions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_me_destinations" ADD CONSTRAINT "follow_me_destinations_follow_me_id_fkey" FOREIGN KEY ("follow_me_id") REFERENCES "follow_me"("id") ON DELETE CASCADE ON UPDATE CASCADE;
