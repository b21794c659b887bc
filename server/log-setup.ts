// Imported first by server/index.ts: ES modules run in import order, so every later module (Next
// included) logs through the chosen format.
import { applyLogFormat } from "@/lib/server/log-format";

applyLogFormat(process.env.LOG_FORMAT);
