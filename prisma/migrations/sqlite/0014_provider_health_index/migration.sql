-- CreateIndex
CREATE INDEX "UsageEvent_provider_health_idx" ON "UsageEvent"("createdAt", "provider", "model", "outcome", "latencyMs", "ttftMs");
