-- AlterTable
ALTER TABLE "users" DROP COLUMN "auth_type",
DROP COLUMN "verify";

-- CreateTable
CREATE TABLE "session_grants" (
    "jti" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_version" INTEGER NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "session_grants_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "session_grants_expires_at_idx" ON "session_grants"("expires_at");

-- AddForeignKey
ALTER TABLE "session_grants" ADD CONSTRAINT "session_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
