// The npm registry mirror these machines reach serves only Linux builds of platform packages, so
// `npm install` leaves the macOS/Windows/other optional builds (Next's SWC, Tailwind's oxide) out of
// package-lock.json, and `npm ci` then refuses the lockfile as out of sync. This adds the missing
// optional entries with their os/cpu, which npm ci skips on this platform without fetching them.
// Run after any `npm install` that rewrites the lockfile: `node scripts/lock-platforms.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, "utf8"));

// Package name suffix → [os, cpu], for the naming schemes these packages use.
function platformOf(name) {
  const suffix = name.split("/").pop();
  const os = ["darwin", "win32", "linux", "android", "freebsd"].find((candidate) => suffix.includes(`-${candidate}-`));
  if (suffix.includes("wasm32")) return { cpu: ["wasm32"] };
  const cpu = ["arm64", "x64", "ia32", "arm"].find((candidate) =>
    new RegExp(`-${candidate}(-|$)`).test(suffix.replace(/^.*?-(darwin|win32|linux|android|freebsd)/, "")),
  );
  return os && cpu ? { os: [os], cpu: [cpu] } : null;
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    const key = `${base}node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[`node_modules/${name}`] = { version, ...platform, optional: true };
    added++;
  }
}
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platforms: added ${added} optional platform entries`);
