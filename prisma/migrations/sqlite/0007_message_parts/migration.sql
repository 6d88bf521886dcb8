-- AlterTable
-- Written by hand as ADD COLUMN: Prisma's diff redefines "Message" (new_Message, copy, DROP) to
-- place the column next to "content", which would drop the full-text triggers of 0004_search
-- and any column other migrations add meanwhile. Column order does not matter to the client.
ALTER TABLE "Message" ADD COLUMN "parts" TEXT NOT NULL DEFAULT '[]';

-- Existing messages are plain text: one text part each, none when the text is empty (as
-- lib/chat/parts.ts textParts). Only "parts" changes, so the search triggers (UPDATE OF content)
-- do not fire.
UPDATE "Message" SET "parts" = json_array(json_object('type', 'text', 'text', "content")) WHERE "content" <> '';
