-- Hand-written (SQLite only: Prisma cannot see triggers, see 0004_search).
--
-- The search index holds a message exactly while its status is not GENERATING. Search never
-- finds an answer being generated (lib/db/search.ts), yet the triggers of 0004_search indexed
-- its empty row when the turn began, then its whole text so far again at every checkpoint (one
-- a second for as long as it runs), then once more when it was saved. Now an answer is indexed
-- once, when it is saved: the update trigger removes a row that was indexed and adds a row that
-- is to be, whichever of its text and status changed.
-- A later migration that redefines "Message" must repeat these triggers, not those of 0004.
-- (No semicolons or quotes in these comments: migration engines may split scripts on them.)

-- Answers being generated now leave the index. What it holds of them is their current text:
-- the update trigger of 0004 kept it so.
INSERT INTO "MessageSearch" ("MessageSearch", rowid, "content")
    SELECT 'delete', rowid, "content" FROM "Message" WHERE "status" = 'GENERATING';

DROP TRIGGER "Message_search_insert";
DROP TRIGGER "Message_search_delete";
DROP TRIGGER "Message_search_update";

CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" WHEN new."status" <> 'GENERATING' BEGIN
    INSERT INTO "MessageSearch" (rowid, "content") VALUES (new.rowid, new."content");
END;

CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message" WHEN old."status" <> 'GENERATING' BEGIN
    INSERT INTO "MessageSearch" ("MessageSearch", rowid, "content") VALUES ('delete', old.rowid, old."content");
END;

CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "content", "status" ON "Message" BEGIN
    INSERT INTO "MessageSearch" ("MessageSearch", rowid, "content")
        SELECT 'delete', old.rowid, old."content" WHERE old."status" <> 'GENERATING';
    INSERT INTO "MessageSearch" (rowid, "content")
        SELECT new.rowid, new."content" WHERE new."status" <> 'GENERATING';
END;
