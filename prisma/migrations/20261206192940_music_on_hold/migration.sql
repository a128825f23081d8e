-- CreateTable
CREATE TABLE "music_on_hold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "rate" INTEGER NOT NULL DEFAULT 8000,
    "shuffle" BOOLEAN NOT NULL DEFAULT true,
    "channels" INTEGER NOT NULL DEFAULT 1,
    "interval" INTEGER NOT NULL DEFAULT 20,
    "timer_name" TEXT NOT NULL DEFAULT 'soft',
    "chime_list" TEXT NOT NULL DEFAULT '',
    "chime_freq" INTEGER NOT NULL DEFAULT 0,
    "chime_max" INTEGER NOT NULL DEFAULT 0,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "music_on_hold_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "music_on_hold_tenant_id_name_rate_key" ON "music_on_hold"("tenant_id", "name", "rate");
