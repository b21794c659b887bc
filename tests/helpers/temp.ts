import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A fresh folder for one test file's database and scratch files. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `hookscope-${prefix}-`));
}
