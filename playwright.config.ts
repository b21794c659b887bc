import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

// Overridable so that two suites (two developers, or CI beside a dev server) can run side by side.
const PORT = Number(process.env.E2E_PORT ?? 3123);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const CI = !!process.env.CI;
export const MANAGED_OWNER_TOKEN = "e2e-managed-owner-token-0123456789";

/**
 * Playwright cannot download browsers on these machines, so use Debian's Chromium unless told
 * otherwise: CHROMIUM_PATH, then Playwright's own download (a connected laptop), then /usr/bin/chromium.
 */
function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, safeBundledPath(), "/usr/bin/chromium"];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) throw new Error("No Chromium found: install chromium (apt-get install chromium) or set CHROMIUM_PATH.");
  return found;
}

function safeBundledPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

// `npm run screenshots` (SCREENSHOTS=1) takes the pictures of every page to look at after a UI change:
// they are not tests, so `npm test` leaves them out.
const SCREENSHOTS = process.env.SCREENSHOTS === "1";

export default defineConfig({
  testDir: SCREENSHOTS ? "tests/screenshots" : "tests/e2e",
  testMatch: SCREENSHOTS ? "**/*.shots.ts" : "**/*.spec.ts",
  // Per port, so that two suites running side by side do not wipe each other's screenshots.
  outputDir: `test-results/${PORT}`,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // One server and one SQLite file behind every test: two workers is plenty and keeps timing stable.
  workers: 2,
  fullyParallel: true,
  // Each test waits for what it expects, never for a set time; this is only the budget of a whole test. CI's
  // machines run the suite at a load of 12 to 14 on 2 cores, where tests that take 15 s on a quiet machine took
  // over 30 s (inspector-links' 57 sequential captures, the sign-in walks) and failed for want of time alone.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      // Without the background-networking flags Chromium floods a closed network with connections.
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:./.tmp/e2e-${PORT}.db`,
      HOOKSCOPE_SKIP_BUILD: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // Replay tests send to a target server the test starts on loopback, which is refused by default.
      OUTBOUND_ALLOW_LIST: "127.0.0.1",
      // One bin declared as code, for managed-bin.spec.ts.
      HOOKSCOPE_CONFIG: "tests/e2e/managed-bins.yaml",
      E2E_MANAGED_OWNER_TOKEN: MANAGED_OWNER_TOKEN,
    },
  },
});
