-- AlterTable (an added column, not Prisma's table redefinition: other migrations add columns to User too)
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
