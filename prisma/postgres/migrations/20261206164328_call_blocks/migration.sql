-- CreateTable
CREATE TABLE "call_blocks" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "number" TEXT NOT NULL DEFAULT '',
    "caller_id_name" TEXT NOT NULL DEFAULT '',
    "country_code" TEXT NOT NULL DEFAULT '',
    "direction" TEXT NOT NULL DEFAULT 'inbound',
    "action" TEXT NOT NULL DEFAULT 'reject',
    "data" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "call_blocks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "call_blocks_tenant_id_enabled_idx" ON "call_blocks"("tenant_id", "enabled");

-- AddForeignKey
ALTER TABLE "call_blocks" ADD CONSTRAINT "call_blocks_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
