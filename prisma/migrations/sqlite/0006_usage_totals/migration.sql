-- CreateTable
CREATE TABLE "UsageTotal" (
    "dimension" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "promptTokens" BIGINT NOT NULL DEFAULT 0,
    "completionTokens" BIGINT NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "cost" REAL NOT NULL DEFAULT 0,
    "unpricedRequests" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("dimension", "month", "day", "key")
);

-- CreateIndex
CREATE INDEX "UsageTotal_covering_idx" ON "UsageTotal"("dimension", "day", "month", "key", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests");

-- Backfill from the daily rollups: each dimension's day rows, then their month rows (day = '').
INSERT INTO "UsageTotal" ("dimension", "month", "day", "key", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests")
SELECT "dimension", substr("day", 1, 7), "day", "key", SUM("promptTokens"), SUM("completionTokens"), SUM("requests"), SUM("errors"), SUM("cost"), SUM("unpricedRequests")
FROM (
    SELECT 'MODEL' AS "dimension", "day", "model" AS "key", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests" FROM "UsageDaily"
    UNION ALL
    SELECT 'WORKSPACE', "day", "workspaceId", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests" FROM "UsageDaily"
    UNION ALL
    SELECT 'USER', "day", "userId", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests" FROM "UsageDaily"
    UNION ALL
    SELECT 'API_KEY', "day", "apiKeyId", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests" FROM "UsageDaily" WHERE "apiKeyId" <> ''
) AS "d"
GROUP BY "dimension", "day", "key";

INSERT INTO "UsageTotal" ("dimension", "month", "day", "key", "promptTokens", "completionTokens", "requests", "errors", "cost", "unpricedRequests")
SELECT "dimension", "month", '', "key", SUM("promptTokens"), SUM("completionTokens"), SUM("requests"), SUM("errors"), SUM("cost"), SUM("unpricedRequests")
FROM "UsageTotal"
GROUP BY "dimension", "month", "key";
