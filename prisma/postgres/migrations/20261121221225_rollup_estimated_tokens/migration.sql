-- AlterTable
ALTER TABLE "UsageRollup" ADD COLUMN     "estimatedTokens" DOUBLE PRECISION NOT NULL DEFAULT 0;
