import { join } from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { sqliteFileUrl } from "../apps/web/src/server/db/database-url.ts";

// The JS schema engine with a driver adapter: no engine binary is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "sqlite-migrations" },
  adapter: async () => new PrismaLibSQL({ url: sqliteFileUrl(process.env.DATABASE_URL, join(import.meta.dirname, "../data/outpost.db")) }),
});
