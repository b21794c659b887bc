import { defineConfig } from "prisma/config";

// Used by `prisma generate` only: migrations run offline through lib/server/db/migrations.ts.
export default defineConfig({
  schema: "prisma/sqlite/schema.prisma",
});
