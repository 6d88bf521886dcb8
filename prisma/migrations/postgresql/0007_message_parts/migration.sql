-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "parts" TEXT NOT NULL DEFAULT '[]';

-- Existing messages are plain text: one text part each, none when the text is empty (as
-- lib/chat/parts.ts textParts).
UPDATE "Message" SET "parts" = jsonb_build_array(jsonb_build_object('type', 'text', 'text', "content"))::text WHERE "content" <> '';
