-- AlterEnum
ALTER TYPE "Status" ADD VALUE 'unknown';
