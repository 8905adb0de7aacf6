// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), a fresh profile per browser, and the server started by scripts/e2e.sh.
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:3000";
export const artifactsDir = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(artifactsDir, { recursive: true });

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser context with its own empty profile; pass `{ javaScriptEnabled: false }` for SSR-only checks. */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "spendwise-e2e-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: chromiumArgs,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
}

/** Resolves once the wasm has hydrated the page (the app marks <body> when it has). */
export async function waitForHydration(page) {
  await page.waitForSelector("body[data-hydrated='true']", { timeout: 30_000 });
}

/** Resolves once the page listens for live updates (`<body data-live="open">`): changes made
 * from then on reach it. */
export async function waitForLive(page) {
  await page.waitForSelector("body[data-live='open']", { timeout: 10_000 });
}

/** A fresh account's details; every test makes its own, because all tests share one server. */
export function newUser(prefix = "user") {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    email: `${prefix}-${id}@example.com`,
    name: `${prefix[0].toUpperCase()}${prefix.slice(1)} ${id.slice(-4)}`,
    password: `a quiet walk by the harbour ${id}`,
  };
}

/** Resolves once `locator`'s text equals `expected` (streamed content arrives after the page). */
export async function waitForText(locator, expected, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let actual;
  while (Date.now() < deadline) {
    actual = (await locator.textContent({ timeout }))?.trim();
    if (actual === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected text ${JSON.stringify(expected)}, still ${JSON.stringify(actual)}`);
}

/** Registers through the form and waits for the dashboard (registration also signs in). */
export async function register(page, user) {
  await page.goto("/register");
  await waitForHydration(page);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Display name", { exact: true }).fill(user.name);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/`);
  await waitForHydration(page);
}

/** Signs in through the login form at `path` (a guarded page sends visitors there with `next`). */
export async function signIn(page, user, path = "/login") {
  await page.goto(path);
  await waitForHydration(page);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs out through the account menu and waits for the login page. */
export async function signOut(page) {
  await page.getByTestId("account-menu").click();
  await page.getByTestId("logout").click();
  await page.waitForURL(/\/login$/);
  await waitForHydration(page);
}

/** The browser's session (access token) cookie; its name depends on COOKIE_SECURE. */
export async function accessCookie(context) {
  const cookies = await context.cookies();
  const cookie = cookies.find((cookie) => cookie.name.endsWith("spendwise-access"));
  if (!cookie) throw new Error(`no access cookie among ${cookies.map((cookie) => cookie.name).join(", ")}`);
  return cookie;
}

/** A request from outside the browser that does not follow redirects. */
export function rawRequest(path, { cookie, ...init } = {}) {
  const headers = { accept: "text/html", ...(cookie ? { cookie } : {}), ...init.headers };
  return fetch(`${baseUrl}${path}`, { redirect: "manual", ...init, headers });
}

/** Registers a fresh user in a new browser (`options` go to `launch`) and runs
 * `body(page, context, user)`; the browser is closed after. Fails the test if the page threw. */
export async function withUser(prefix, body, options = {}) {
  const context = await launch(options);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const user = newUser(prefix);
    await register(page, user);
    await body(page, context, user);
    assert.deepEqual(errors, [], "no script errors on the page");
  } finally {
    await context.close();
  }
}

/** Polls `check` until it returns true. */
export async function eventually(check, message, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(message);
}

/** The user's categories by name, through the REST API with the page's cookies. */
export async function categoryIds(page) {
  const response = await page.request.get("/api/v1/categories");
  assert.equal(response.status(), 200);
  const body = await response.json();
  return Object.fromEntries(body.items.map((category) => [category.name, category.id]));
}

/** Records an expense through `POST /api/v1/expenses` and answers it. */
export async function createExpense(page, expense) {
  const response = await page.request.post("/api/v1/expenses", { data: expense });
  assert.equal(response.status(), 201, await response.text());
  return response.json();
}

/** `YYYY-MM-DD`, `months` before the given ISO date, on day `day`. */
export function monthsBefore(isoDate, months, day) {
  const [year, month] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1 - months, day));
  return date.toISOString().slice(0, 10);
}

/** The administrator scripts/e2e.sh creates with `spendwise create-admin` before the server
 * starts. (Registering one is not reliable: only the first account of a database becomes admin.) */
export function adminAccount() {
  const email = process.env.E2E_ADMIN_EMAIL;
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (!email || !password) {
    throw new Error(
      "E2E_ADMIN_EMAIL and E2E_ADMIN_PASSWORD are not set: run the tests through scripts/e2e.sh, " +
        "or make an administrator with `spendwise create-admin` and set them",
    );
  }
  return { email, password };
}
