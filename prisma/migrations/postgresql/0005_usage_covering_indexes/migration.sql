-- DropIndex
DROP INDEX "UsageDaily_day_idx";

-- DropIndex
DROP INDEX "UsageDaily_userId_day_idx";

-- CreateIndex
CREATE INDEX "UsageDaily_day_covering_idx" ON "UsageDaily"("day", "model", "userId", "apiKeyId", "workspaceId", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests");

-- CreateIndex
CREATE INDEX "UsageDaily_userId_day_covering_idx" ON "UsageDaily"("userId", "day", "model", "apiKeyId", "workspaceId", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests");
