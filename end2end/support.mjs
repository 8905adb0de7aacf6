// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), a fresh profile per browser, and the server started by scripts/e2e.sh.
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
