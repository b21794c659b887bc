// `npm start`: build whatever is missing, then run the production server (it applies migrations).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputs = ["generated/sqlite/client.ts", "generated/postgres/client.ts", `${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`, "dist/server.mjs"];
const missing = outputs.filter((file) => !existsSync(new URL(`../${file}`, import.meta.url)));

if (missing.length > 0) {
  if (process.env.HOOKSCOPE_SKIP_BUILD === "1") {
    console.error(`Not built yet (missing ${missing.join(", ")}): run npm run build.`);
    process.exit(1);
  }
  console.log(`Building (missing ${missing.join(", ")})...`);
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" });
}

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.chdir(root);
await import(new URL("../dist/server.mjs", import.meta.url).href);
