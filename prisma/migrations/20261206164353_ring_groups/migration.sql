-- CreateTable
CREATE TABLE "ring_groups" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "strategy" TEXT NOT NULL DEFAULT 'simultaneous',
    "call_timeout" INTEGER NOT NULL DEFAULT 30,
    "caller_id_name" TEXT NOT NULL DEFAULT '',
    "caller_id_number" TEXT NOT NULL DEFAULT '',
    "cid_name_prefix" TEXT NOT NULL DEFAULT '',
    "cid_number_prefix" TEXT NOT NULL DEFAULT '',
    "timeout_type" TEXT NOT NULL DEFAULT '',
    "timeout_value" TEXT NOT NULL DEFAULT '',
    "ringback" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "ring_groups_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ring_group_members" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ring_group_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'extension',
    "delay" INTEGER NOT NULL DEFAULT 0,
    "timeout" INTEGER NOT NULL DEFAULT 30,
    "position" INTEGER NOT NULL DEFAULT 0,
    "prompt" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ring_group_members_ring_group_id_fkey" FOREIGN KEY ("ring_group_id") REFERENCES "ring_groups" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ring_groups_tenant_id_extension_key" ON "ring_groups"("tenant_id", "extension");

-- CreateIndex
CREATE INDEX "ring_group_members_ring_group_id_idx" ON "ring_group_members"("ring_group_id");
