import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { sqliteUrl } from "../scripts/database-url.ts";

// The JS schema engine with a driver adapter: no engine binary is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "sqlite-migrations" },
  adapter: async () => new PrismaLibSQL({ url: sqliteUrl() }),
});
