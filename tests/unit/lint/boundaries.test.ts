import assert from "node:assert/strict";
import { test } from "node:test";
import { ESLint } from "eslint";

const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === "@typescript-eslint/no-restricted-imports").map((message) => message.message);
}

test("browser code importing a server module fails lint; importing its types does not", async () => {
  const errors = await boundaryErrors("components/inspector/leak.tsx", 'import { db } from "@/lib/server/db/client";\nexport const x = db;\n');
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /Browser code may not import server modules/);
  assert.deepEqual(await boundaryErrors("lib/client/ok.ts", 'import type { BinRecord } from "@/lib/server/queries/bins";\nexport type X = BinRecord;\n'), []);
  assert.equal((await boundaryErrors("lib/client/fs.ts", 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n')).length, 1);
});

test("shared code may not import server modules or node:*", async () => {
  assert.match(
    (await boundaryErrors("lib/shared/leak.ts", 'import { env } from "@/lib/server/env";\nexport const e = env;\n'))[0] ?? "",
    /Shared code runs in the browser and on the server/,
  );
  assert.equal((await boundaryErrors("lib/shared/zlib.ts", 'import { gzipSync } from "node:zlib";\nexport const g = gzipSync;\n')).length, 1);
});

test("server code importing a browser module fails lint, and the CLI may not reach the database", async () => {
  assert.match(
    (await boundaryErrors("lib/server/services/leak.ts", 'import { json } from "@/lib/client/api";\nexport const j = json;\n'))[0] ?? "",
    /Server code may not import browser modules/,
  );
  assert.match(
    (await boundaryErrors("cli/leak.ts", 'import { getBin } from "@/lib/server/queries/bins";\nexport const g = getBin;\n'))[0] ?? "",
    /The CLI runs on the user's machine/,
  );
});
