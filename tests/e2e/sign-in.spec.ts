import type { Browser, Page } from "@playwright/test";
import { startIdentityProvider, type TestIdentityProvider } from "../helpers/oidc";
import { freePort, startServer, type RunningServer } from "../helpers/server";
import { expect, test } from "./fixtures";

// Its own server with sign-in on, and its own identity provider: the shared server stays as a user
// without settings gets it.
let idp: TestIdentityProvider;
let server: RunningServer;
let app: string;

// Each test here walks one to three sign-ins through the provider's pages, in as many browser contexts:
// 25 to 34 s in CI's runs on a busy machine, where the suite's 30 s budget failed the first one.
test.describe.configure({ mode: "serial", timeout: 90_000 });

test.beforeAll(async () => {
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  idp = await startIdentityProvider([app]);
  server = await startServer(idp.env(app), { port });
});

test.afterAll(async () => {
  await server?.stop();
  await idp?.stop();
});

/** The provider's own login page, as a person fills it in. */
async function logInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

test("sign in through the provider's page, create a bin, and open it signed in from a second browser", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(app);
  await page.getByRole("link", { name: "Sign in" }).click();
  await logInAtProvider(page, "alice");
  await expect(page).toHaveURL(`${app}/`);
  await expect(page.getByText("alice@example.test").first()).toBeVisible();
  const accountBins = page.getByRole("region", { name: "Your account's bins" });
  await expect(accountBins).toContainText("Bins you create while signed in");

  await page.getByRole("button", { name: "Create a bin" }).click();
  await page.waitForURL(/\/bins\/[^/#?]+$/);
  const binUrl = page.url();
  const binId = decodeURIComponent(new URL(binUrl).pathname.split("/").pop()!);
  await expect(page.getByText("Saved to your account")).toBeVisible();
  await page.screenshot({ path: ".tmp/shots/sign-in-owner-1440.png" });

  // A second browser: nothing in its storage, so only the account can open the bin.
  const second = await newPage(browser);
  try {
    await second.goto(binUrl);
    await expect(second.getByRole("heading", { name: "This bin is private" })).toBeVisible();
    await second.screenshot({ path: ".tmp/shots/sign-in-private-1440.png" });
    await second.getByRole("link", { name: "Sign in to open it" }).click();
    await logInAtProvider(second, "alice");
    await expect(second).toHaveURL(binUrl);
    const captureUrl = second.getByRole("textbox", { name: "Capture URL", exact: true });
    await expect(captureUrl).toHaveValue(`${app}/h/${binId}`);
    // Live over the session: a capture appears without a reload.
    const sent = await fetch(`${app}/h/${binId}/from-second-browser`, { method: "POST", body: "{}" });
    expect(sent.status).toBe(200);
    await expect(second.getByText("/from-second-browser").first()).toBeVisible();
    await second.goto(app);
    await expect(second.getByRole("region", { name: "Your account's bins" }).getByRole("link", { name: binId })).toBeVisible();
    await second.screenshot({ path: ".tmp/shots/sign-in-home-1440.png" });
    await second.setViewportSize({ width: 375, height: 800 });
    await second.screenshot({ path: ".tmp/shots/sign-in-home-375.png" });
  } finally {
    await second.context().close();
  }

  // Someone else signed in sees nothing of it.
  const other = await newPage(browser);
  try {
    await other.goto(`${app}/api/auth/login?returnTo=${encodeURIComponent(new URL(binUrl).pathname)}`);
    await logInAtProvider(other, "mallory");
    await expect(other).toHaveURL(binUrl);
    await expect(other.getByRole("heading", { name: "Bin not found or link invalid" })).toBeVisible();
  } finally {
    await other.context().close();
  }
});

test("a bin made before signing in is saved to the account in one click", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(app);
  await page.getByRole("button", { name: "Create a bin" }).click();
  await page.waitForURL(/\/bins\/[^/#?]+$/);
  const binPath = new URL(page.url()).pathname;
  await expect(page.getByText("Saved to your account")).toHaveCount(0);
  await page.getByRole("link", { name: "Sign in" }).click();
  await logInAtProvider(page, "bob");
  await expect(page).toHaveURL(`${app}${binPath}`);
  await page.getByRole("button", { name: "Save to my account" }).click();
  await expect(page.getByText("Saved to your account")).toBeVisible();
  await page.goto(app);
  await expect(page.getByRole("region", { name: "Your account's bins" }).getByRole("link", { name: binPath.split("/").pop()! })).toBeVisible();
  await page
    .getByRole("button", { name: /bob@example\.test/ })
    .or(page.locator("summary", { hasText: "bob@example.test" }))
    .click();
  await page.getByRole("button", { name: /^Sign out everywhere/ }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Your account's bins" })).toHaveCount(0);
});

test("the account page creates an API key shown once, and revokes it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app}/api/auth/login?returnTo=/account`);
  await logInAtProvider(page, "keyholder");
  await expect(page).toHaveURL(`${app}/account`);
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await page.getByLabel("Name").fill("CI pipeline");
  await page.getByLabel("Scope").selectOption("write");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("textbox", { name: 'New key "CI pipeline" (write)' });
  await expect(shown).toHaveValue(/^hsk_[a-z0-9]{16}_/);
  const key = await shown.inputValue();
  const keys = page.getByRole("list", { name: "Your API keys" });
  await expect(keys.getByRole("listitem")).toHaveCount(1);
  await expect(keys).toContainText("never used");
  await expect(keys).not.toContainText(key.split("_")[2]!);
  const made = await fetch(`${app}/api/bins`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
  expect(made.status).toBe(201);
  await page.screenshot({ path: ".tmp/shots/account-keys-1440.png" });
  await page.reload();
  await expect(page.getByRole("textbox", { name: /New key/ })).toHaveCount(0);
  await expect(keys).toContainText("last used");
  await keys.getByRole("button", { name: "Revoke CI pipeline" }).click();
  await expect(keys).toContainText("revoked");
  const refused = await fetch(`${app}/api/me/bins`, { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status).toBe(401);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: ".tmp/shots/account-keys-375.png", fullPage: true });
});

test("a team owner invites a second user by link, who then sees and opens the team's bin", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app}/api/auth/login?returnTo=/teams`);
  await logInAtProvider(page, "olivia");
  await expect(page).toHaveURL(`${app}/teams`);
  await page.getByLabel("New team").fill("Payments");
  await page.getByRole("button", { name: "Create team" }).click();
  const card = page.getByRole("region", { name: "Team Payments" });
  await expect(card.getByRole("list", { name: "Members of Payments" })).toContainText("olivia@example.test");
  await card.getByLabel("Invite as").selectOption("member");
  await card.getByRole("button", { name: "Create invitation link" }).click();
  const inviteUrl = await card.getByRole("textbox", { name: "Invitation link (member)" }).inputValue();
  expect(inviteUrl).toMatch(new RegExp(`^${app}/invite#token=`));
  await page.screenshot({ path: ".tmp/shots/teams-owner-1440.png" });
  await card.getByRole("button", { name: "History" }).click();
  await expect(page.getByRole("list", { name: "Changes to Payments" })).toContainText("team.invited");
  await page.screenshot({ path: ".tmp/shots/teams-history-1440.png" });
  await page.keyboard.press("Escape");
  await card.getByRole("button", { name: "New team bin" }).click();
  await page.waitForURL(/\/bins\/[^/#?]+$/);
  const binId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);

  const second = await newPage(browser);
  try {
    await second.goto(inviteUrl);
    await expect(second.getByRole("heading", { name: "You are invited to a team" })).toBeVisible();
    await expect(second).toHaveURL(`${app}/invite`);
    await second.getByRole("link", { name: "Sign in to join" }).click();
    await logInAtProvider(second, "pablo");
    await expect(second).toHaveURL(`${app}/invite`);
    await second.getByRole("button", { name: "Join the team" }).click();
    await expect(second.getByRole("heading", { name: "You joined Payments" })).toBeVisible();
    await second.getByRole("link", { name: "Go to your bins" }).click();
    const listed = second.getByRole("region", { name: "Your account's bins" }).getByRole("listitem").filter({ hasText: binId });
    await expect(listed).toContainText("Payments");
    await second.screenshot({ path: ".tmp/shots/teams-member-home-1440.png" });
    await listed.getByRole("link", { name: binId }).click();
    await expect(second.getByRole("textbox", { name: "Capture URL", exact: true })).toHaveValue(`${app}/h/${binId}`);
    // A member uses the team's bin (forwarders, test events, dead letters) but does not configure or delete it.
    await expect(second.getByRole("button", { name: "Forwarders" })).toBeVisible();
    await expect(second.getByRole("button", { name: "Settings" })).toHaveCount(0);
    await expect(second.getByRole("button", { name: "Delete bin" })).toHaveCount(0);
    await expect(second.getByText("Read-only shared view")).toHaveCount(0);
    await second.screenshot({ path: ".tmp/shots/teams-member-bin-1440.png" });
    await second.goto(`${app}/teams`);
    await expect(second.getByRole("region", { name: "Team Payments" }).getByRole("list", { name: "Members of Payments" })).toContainText("pablo@example.test");
    await second.setViewportSize({ width: 375, height: 800 });
    await second.screenshot({ path: ".tmp/shots/teams-member-375.png", fullPage: true });
  } finally {
    await second.context().close();
  }
});

test("the instance's admin (the first account here) sees every bin on All bins and deletes one", async ({ page }) => {
  const someone = await fetch(`${app}/api/bins`, { method: "POST" });
  const loose = (await someone.json()) as { id: string };
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app}/api/auth/login?returnTo=/admin`);
  await logInAtProvider(page, "alice");
  await expect(page).toHaveURL(`${app}/admin`);
  const all = page.getByRole("list", { name: "Every bin" });
  const row = all.getByRole("listitem").filter({ hasText: loose.id });
  await expect(row).toContainText("owner token only");
  await expect(all.getByRole("listitem").filter({ hasText: "bob@example.test" }).first()).toBeVisible();
  await page.screenshot({ path: ".tmp/shots/admin-1440.png" });
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Delete ${loose.id}` }).click();
  await expect(row).toHaveCount(0);
  expect((await fetch(`${app}/h/${loose.id}`)).status).toBe(404);

  // The instance policy: browser-owned bins lose private targets; the change is in the instance's history.
  const policy = page.getByRole("region", { name: "Private targets" });
  await expect(policy.getByRole("checkbox", { name: "Admins" })).toBeDisabled();
  await policy.getByRole("checkbox", { name: /Browser-owned bins/ }).uncheck();
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(policy.getByRole("status")).toHaveText("Saved.");
  await expect(policy.getByRole("checkbox", { name: /Browser-owned bins/ })).not.toBeChecked();
  await policy.getByRole("button", { name: "History" }).click();
  await expect(page.getByRole("list", { name: "Changes to the instance's policies" })).toContainText("policy.private_targets");
  await page.screenshot({ path: ".tmp/shots/admin-policy-1440.png" });
});

test("the bin's History drawer shows who changed what", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app}/api/auth/login?returnTo=/`);
  await logInAtProvider(page, "historian");
  await page.getByRole("button", { name: "Create a bin" }).click();
  await page.waitForURL(/\/bins\/[^/#?]+$/);
  const binId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  const changed = await page.evaluate(
    async (id) => (await fetch(`/api/bins/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: '{"maxRequests":77}' })).status,
    binId,
  );
  expect(changed).toBe(200);
  await page.getByRole("button", { name: "History" }).click();
  const changes = page.getByRole("list", { name: "Changes to this bin" });
  await expect(changes.getByRole("listitem").first()).toContainText("settings.changed");
  await expect(changes.getByRole("listitem").first()).toContainText("by historian@example.test");
  await expect(changes.getByRole("listitem").first()).toContainText("changed: maxRequests");
  await page.screenshot({ path: ".tmp/shots/history-1440.png" });
});
