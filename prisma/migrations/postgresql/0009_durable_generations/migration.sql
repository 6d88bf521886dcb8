-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Generation" (
    "messageId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "model" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "reservationKeys" TEXT NOT NULL,
    "reservedTokens" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopRequestedAt" TIMESTAMP(3),

    CONSTRAINT "Generation_pkey" PRIMARY KEY ("messageId")
);
