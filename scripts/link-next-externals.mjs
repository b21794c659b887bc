// Next 16 (Turbopack) loads the server-external packages (Prisma, better-sqlite3, pg) through hashed
// links in .next/node_modules that point at ../../node_modules/<package>. `npm pack` drops symlinks,
// and an installed package's dependencies sit in its own node_modules or beside it (hoisted), so the
// links are made again where this copy is installed: at install (postinstall) and by `hookscope serve`.
// The build lists them in .next/hookscope-externals.json; a checkout has working links and no list.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const EXTERNALS_MANIFEST = "hookscope-externals.json";

/**
 * Makes every listed link that does not lead to its package; returns the links made.
 * @param {string} root the package root (holds .next and package.json)
 * @returns {string[]}
 */
export function linkNextExternals(root) {
  const manifest = path.join(root, ".next", EXTERNALS_MANIFEST);
  if (!existsSync(manifest)) return [];
  /** @type {Record<string, string>} link name -> package name */
  const links = JSON.parse(readFileSync(manifest, "utf8"));
  const searchDirs = createRequire(path.join(root, "package.json")).resolve.paths("any-package") ?? [];
  const made = [];
  for (const [link, packageName] of Object.entries(links)) {
    const at = path.join(root, ".next", "node_modules", link);
    // existsSync follows the link: one that leads somewhere is left alone.
    if (existsSync(at)) continue;
    const target = searchDirs.map((dir) => path.join(dir, packageName)).find((dir) => existsSync(path.join(dir, "package.json")));
    if (!target) throw new Error(`${packageName} is not installed where ${root} can load it: reinstall hookscope.`);
    mkdirSync(path.dirname(at), { recursive: true });
    rmSync(at, { force: true });
    symlinkSync(target, at, "junction");
    made.push(link);
  }
  return made;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // As postinstall: never fail an install over this; `hookscope serve` tries again and says why.
  try {
    linkNextExternals(fileURLToPath(new URL("..", import.meta.url)));
  } catch (error) {
    console.warn(`hookscope: ${error instanceof Error ? error.message : String(error)}`);
  }
}
