-- AlterTable
ALTER TABLE "RegistrationToken" ADD COLUMN     "claimHash" TEXT;

