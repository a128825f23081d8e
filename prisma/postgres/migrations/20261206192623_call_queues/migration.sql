-- CreateTable
CREATE TABLE "call_queues" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "strategy" TEXT NOT NULL DEFAULT 'ring-all',
    "moh_sound" TEXT NOT NULL DEFAULT '',
    "time_base_score" TEXT NOT NULL DEFAULT 'queue',
    "time_base_score_sec" INTEGER NOT NULL DEFAULT 0,
    "max_wait_time" INTEGER NOT NULL DEFAULT 0,
    "max_wait_time_with_no_agent" INTEGER NOT NULL DEFAULT 90,
    "max_wait_time_with_no_agent_time_reached" INTEGER NOT NULL DEFAULT 30,
    "tier_rules_apply" BOOLEAN NOT NULL DEFAULT false,
    "tier_rule_wait_second" INTEGER NOT NULL DEFAULT 300,
    "tier_rule_wait_multiply_level" BOOLEAN NOT NULL DEFAULT true,
    "tier_rule_no_agent_no_wait" BOOLEAN NOT NULL DEFAULT false,
    "discard_abandoned_after" INTEGER NOT NULL DEFAULT 900,
    "abandoned_resume_allowed" BOOLEAN NOT NULL DEFAULT false,
    "announce_sound" TEXT NOT NULL DEFAULT '',
    "announce_frequency" INTEGER NOT NULL DEFAULT 0,
    "announce_position_frequency" INTEGER NOT NULL DEFAULT 0,
    "announce_round_seconds" INTEGER NOT NULL DEFAULT 0,
    "announce_holdtime" TEXT NOT NULL DEFAULT 'true',
    "cid_prefix" TEXT NOT NULL DEFAULT '',
    "terminate_on_cancel" BOOLEAN NOT NULL DEFAULT false,
    "agents_can_reject" BOOLEAN NOT NULL DEFAULT true,
    "ring_progressively_delay" INTEGER NOT NULL DEFAULT 10,
    "timeout_type" TEXT NOT NULL DEFAULT '',
    "timeout_value" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "call_queues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_queue_agents" (
    "id" TEXT NOT NULL,
    "queue_id" TEXT NOT NULL,
    "extension_id" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL DEFAULT 'callback',
    "call_timeout" INTEGER NOT NULL DEFAULT 20,
    "status" TEXT NOT NULL DEFAULT 'Available',
    "max_no_answer" INTEGER NOT NULL DEFAULT 3,
    "wrap_up_time" INTEGER NOT NULL DEFAULT 10,
    "reject_delay_time" INTEGER NOT NULL DEFAULT 30,
    "busy_delay_time" INTEGER NOT NULL DEFAULT 60,
    "no_answer_delay_time" INTEGER NOT NULL DEFAULT 10,
    "tier_level" INTEGER NOT NULL DEFAULT 1,
    "tier_position" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "call_queue_agents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "call_queues_tenant_id_extension_key" ON "call_queues"("tenant_id", "extension");

-- CreateIndex
CREATE INDEX "call_queue_agents_extension_id_idx" ON "call_queue_agents"("extension_id");

-- CreateIndex
CREATE UNIQUE INDEX "call_queue_agents_queue_id_extension_id_key" ON "call_queue_agents"("queue_id", "extension_id");

-- AddForeignKey
ALTER TABLE "call_queues" ADD CONSTRAINT "call_queues_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_queue_agents" ADD CONSTRAINT "call_queue_agents_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "call_queues"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_queue_agents" ADD CONSTRAINT "call_queue_agents_extension_id_fkey" FOREIGN KEY ("extension_id") REFERENCES "extensions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
