import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { artifactsDir, baseUrl, launch, newUser, register, waitForHydration } from "../support.mjs";

describe("the app shell", () => {
  test("is rendered on the server with landmarks and the system theme", async () => {
    const response = await fetch(`${baseUrl}/login`);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<html lang="en" data-theme="system"/);
    assert.match(html, /<main id="main"/);
    assert.match(html, /\/pkg\/spendwise\.css/);
  });

  test("renders the theme from the cookie before any script runs", async () => {
    const response = await fetch(`${baseUrl}/`, { headers: { cookie: "theme=dark" } });
    assert.match(await response.text(), /<html lang="en" data-theme="dark"/);
  });

  test("answers an unknown page with a friendly 404", async () => {
    const response = await fetch(`${baseUrl}/no/such/page`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /Page not found/);
  });

  test("serves compressed assets", async () => {
    const response = await fetch(`${baseUrl}/pkg/spendwise.css`, { headers: { "accept-encoding": "br, gzip" } });
    assert.equal(response.status, 200);
    assert.ok(["br", "gzip"].includes(response.headers.get("content-encoding")), "css is compressed");
  });
});

describe("in the browser", () => {
  let context;
  before(async () => {
    context = await launch();
    await register(await context.newPage(), newUser("shell"));
  });
  after(async () => {
    await context?.close();
  });

  test("the theme toggle works after hydration and survives a reload", async () => {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto("/");
    await waitForHydration(page);
    assert.equal(await page.locator("html").getAttribute("data-theme"), "system");

    await page.getByTestId("theme-toggle").click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    await page.getByTestId("theme-toggle").click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");

    const reloaded = await page.reload();
    assert.match(await reloaded.text(), /<html lang="en" data-theme="dark"/, "the server renders the chosen theme");
    await page.screenshot({ path: `${artifactsDir}/shell-dark.png`, fullPage: true });
    assert.deepEqual(errors, []);
  });

  test("navigation moves between pages and marks the current one", async () => {
    const page = await context.newPage();
    const response = await page.goto("/");
    const html = await response.text();
    assert.match(html, /<nav aria-label="Main"/);
    for (const label of ["Dashboard", "Expenses", "Budgets", "Assistant"]) {
      assert.ok(html.includes(`>${label}</a>`), `navigation has ${label}`);
    }
    await waitForHydration(page);
    await page.getByRole("link", { name: "Budgets" }).click();
    await page.waitForURL("**/budgets");
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Budgets");
    assert.equal(await page.getByRole("link", { name: "Budgets" }).getAttribute("aria-current"), "page");
  });

  test("fits a 360 px phone screen without horizontal scrolling", async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/");
    await waitForHydration(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
    await page.screenshot({ path: `${artifactsDir}/shell-phone.png` });
  });
});

describe("with JavaScript disabled", () => {
  test("every page still renders its content", async () => {
    const signedIn = await launch();
    await register(await signedIn.newPage(), newUser("nojs"));
    const cookies = await signedIn.cookies();
    await signedIn.close();
    const context = await launch({ javaScriptEnabled: false });
    await context.addCookies(cookies);
    try {
      const page = await context.newPage();
      await page.goto("/assistant");
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Assistant");
      assert.ok(await page.getByTestId("assistant-empty").isVisible(), "the empty chat with its suggestions");
    } finally {
      await context.close();
    }
  });
});
