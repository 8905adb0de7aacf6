import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  accessCookie,
  artifactsDir,
  baseUrl,
  eventually,
  launch,
  newUser,
  rawRequest,
  register,
  signIn,
  signOut,
  waitForHydration,
  waitForText,
} from "../support.mjs";

const wrongCredentials = "The email or password is not correct.";

/** Runs `body` with a fresh browser profile (no cookies), closed afterwards. */
async function withBrowser(body, options) {
  const context = await launch(options);
  try {
    return await body(context, await context.newPage());
  } finally {
    await context.close();
  }
}

function replayProfile(cookie) {
  return fetch(`${baseUrl}/api/v1/auth/profile`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
}

describe("accounts in the browser", () => {
  test("a visitor asking for a private page is redirected to sign in by the server", async () => {
    for (const path of ["/", "/expenses", "/profile", "/admin"]) {
      const response = await rawRequest(path);
      assert.ok([302, 303, 307].includes(response.status), `${path} answered ${response.status}`);
      assert.equal(response.headers.get("location"), `/login?next=${encodeURIComponent(path)}`);
    }
    const login = await rawRequest("/login");
    assert.equal(login.status, 200);
    const html = await login.text();
    assert.match(html, /<h1[^>]*>Sign in<\/h1>/);
    assert.doesNotMatch(html, /<nav aria-label="Main"/, "visitors see no app navigation");
  });

  test("a new user registers, lands on the dashboard with their name, and signs out", async () => {
    await withBrowser(async (_context, page) => {
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const user = newUser("ann");
      await register(page, user);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Dashboard");
      await waitForText(page.getByTestId("account-name"), user.name);
      assert.ok(await page.getByRole("navigation", { name: "Main" }).isVisible());

      await signOut(page);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Sign in");
      assert.equal(await page.getByTestId("account-name").count(), 0);
      assert.ok(await page.getByRole("link", { name: "Sign in" }).isVisible());

      await page.goto("/");
      await page.waitForURL(`${baseUrl}/login?next=%2F`);
      assert.equal(await page.getByRole("navigation", { name: "Main" }).count(), 0);
      assert.deepEqual(errors, []);
    });
  });

  test("a common password is refused in the browser before anything is sent", async () => {
    await withBrowser(async (_context, page) => {
      const user = newUser("common");
      await page.goto("/register");
      await waitForHydration(page);
      const posts = [];
      page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));

      await page.getByLabel("Email", { exact: true }).fill(user.email);
      await page.getByLabel("Display name", { exact: true }).fill(user.name);
      const password = page.getByLabel("Password", { exact: true });
      await password.fill("password123");
      await page.getByRole("button", { name: "Create account" }).click();

      const message = page.getByText("This password is one of the most common ones");
      await message.waitFor();
      assert.deepEqual(posts, [], "no request left the browser");
      assert.equal(await password.getAttribute("aria-invalid"), "true");
      const describedBy = await password.getAttribute("aria-describedby");
      assert.ok(describedBy.split(" ").includes(await message.getAttribute("id")), "the message is tied to the field");
      assert.equal(await page.evaluate(() => document.activeElement?.id), await password.getAttribute("id"));
      assert.ok(page.url().endsWith("/register"));

      // Nothing was created: the same email is still free.
      await password.fill(user.password);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(`${baseUrl}/`);
      await waitForText(page.getByTestId("account-name"), user.name);
    });
  });

  test("a wrong password and an unknown email get the same message", async () => {
    const user = newUser("wrong");
    await withBrowser((_context, page) => register(page, user));
    await withBrowser(async (_context, page) => {
      for (const attempt of [
        { ...user, password: "not the right password at all" },
        { ...user, email: newUser("nobody").email },
      ]) {
        await signIn(page, attempt);
        const alert = page.getByRole("alert");
        await alert.waitFor();
        assert.equal((await alert.textContent()).trim(), wrongCredentials);
        assert.match(page.url(), /\/login$/);
      }
    });
  });

  test("switching from A to B in one browser shows only B, and A's old token is dead", async () => {
    await withBrowser(async (context, page) => {
      const alice = newUser("alice");
      const bob = newUser("bob");
      await register(page, alice);
      await waitForText(page.getByTestId("account-name"), alice.name);
      const aliceCookie = await accessCookie(context);
      const before = await replayProfile(aliceCookie);
      assert.equal(before.status, 200, "the captured cookie is A's live session");
      assert.ok((await before.text()).includes(alice.email));

      await signOut(page);
      await register(page, bob);
      await waitForText(page.getByTestId("account-name"), bob.name);
      assert.notEqual((await accessCookie(context)).value, aliceCookie.value);

      await page.goto("/profile");
      await waitForHydration(page);
      await waitForText(page.getByTestId("profile-email"), bob.email);
      const html = await page.content();
      assert.ok(!html.includes(alice.email) && !html.includes(alice.name), "nothing of A on B's page");

      const replayed = await replayProfile(aliceCookie);
      assert.equal(replayed.status, 401, "A's access token stops working at logout");
    });
  });

  test("the theme is stored on the user and rendered by the server, also after signing in again", async () => {
    const user = newUser("theme");
    await withBrowser(async (context, page) => {
      await register(page, user);
      assert.equal(await page.locator("html").getAttribute("data-theme"), "system");
      await page.getByTestId("theme-toggle").click();
      await page.getByTestId("theme-toggle").click();
      await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");

      // Only the session cookie, no theme cookie: the server must know the choice itself.
      const session = await accessCookie(context);
      await eventually(async () => {
        const response = await rawRequest("/", { cookie: `${session.name}=${session.value}` });
        return /<html lang="en" data-theme="dark"/.test(await response.text());
      }, "the server never rendered the stored dark theme");

      const reloaded = await page.reload();
      assert.match(await reloaded.text(), /<html lang="en" data-theme="dark"/);
      await waitForHydration(page);
      await signOut(page);
    });

    await withBrowser(async (_context, page) => {
      await page.goto("/profile");
      await page.waitForURL(`${baseUrl}/login?next=%2Fprofile`);
      await waitForHydration(page);
      await page.getByLabel("Email", { exact: true }).fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      const [document] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${baseUrl}/profile` && r.request().resourceType() === "document"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      assert.match(await document.text(), /<html lang="en" data-theme="dark"/, "dark from the first byte");
      await waitForHydration(page);
      await waitForText(page.getByTestId("profile-email"), user.email);
    });
  });

  test("the profile page saves the name and lists this device", async () => {
    await withBrowser(async (_context, page) => {
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const user = newUser("profile");
      await register(page, user);
      await page.getByTestId("account-menu").click();
      await page.getByRole("link", { name: "Profile and settings" }).click();
      await page.waitForURL(`${baseUrl}/profile`);
      await waitForText(page.getByTestId("profile-email"), user.email);

      const current = page.getByTestId("session-row").filter({ hasText: "This device" });
      await current.waitFor();
      assert.equal(await current.getByRole("button", { name: /Sign out/ }).count(), 0, "no revoke for this device");

      const renamed = `${user.name} Renamed`;
      await page.getByLabel("Display name", { exact: true }).fill(renamed);
      await page.getByLabel("Base currency", { exact: true }).selectOption("EUR");
      await page.getByRole("button", { name: "Save profile" }).click();
      await page.getByText("Your profile is saved.").waitFor();
      await waitForText(page.getByTestId("account-name"), renamed);

      await page.reload();
      await waitForHydration(page);
      await waitForText(page.getByTestId("account-name"), renamed);
      assert.equal(await page.getByLabel("Base currency", { exact: true }).inputValue(), "EUR");

      // Budget alert emails can be turned off, and stay off.
      const alerts = page.getByLabel(/Email me budget alerts/);
      assert.equal(await alerts.isChecked(), true, "on for a new account");
      await alerts.uncheck();
      await page.getByRole("button", { name: "Save profile" }).click();
      const saved = async () => (await (await page.request.get("/api/v1/auth/profile")).json()).email_alerts === false;
      await eventually(saved, "the profile says no alert emails");
      await page.reload();
      await waitForHydration(page);
      assert.equal(await page.getByLabel(/Email me budget alerts/).isChecked(), false);

      // An empty name is refused in place.
      await page.getByLabel("Display name", { exact: true }).fill("   ");
      await page.getByRole("button", { name: "Save profile" }).click();
      await page.getByText("Enter your name.").waitFor();

      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the profile page overflows a phone by ${overflow}px`);
      await page.screenshot({ path: `${artifactsDir}/profile-phone.png`, fullPage: true });
      assert.deepEqual(errors, []);
    });
  });

  test("devices can be signed out one by one or all at once, and the password changed", async () => {
    const user = newUser("devices");
    await withBrowser(async (_context, page) => {
      await register(page, user);
      await withBrowser(async (_otherContext, other) => {
        await signIn(other, user);
        await other.waitForURL(`${baseUrl}/`);

        await page.goto("/profile");
        await waitForHydration(page);
        const rows = page.getByTestId("session-row");
        await eventually(async () => (await rows.count()) === 2, "both devices are listed");
        const otherRow = rows.filter({ hasNotText: "This device" });
        await otherRow.getByRole("button", { name: /^Sign out / }).click();
        await eventually(async () => (await rows.count()) === 1, "the revoked device disappears");

        await other.goto("/expenses");
        await other.waitForURL(`${baseUrl}/login?next=%2Fexpenses`);
      });

      const newPassword = `${user.password} and then some`;
      await page.getByLabel("Current password", { exact: true }).fill(user.password);
      await page.getByLabel("New password", { exact: true }).fill(newPassword);
      await page.getByLabel("Repeat the new password", { exact: true }).fill(newPassword);
      await page.getByRole("button", { name: "Change password" }).click();
      await page.getByText("Your password is changed.").waitFor();
      assert.equal(await page.getByLabel("New password", { exact: true }).inputValue(), "", "the form is cleared");

      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await page.waitForURL(/\/login$/);
      await page.goto("/profile");
      await page.waitForURL(`${baseUrl}/login?next=%2Fprofile`);
    });
  });
});

describe("accounts with JavaScript disabled", () => {
  test("the login form works as a plain HTML form, errors included", async () => {
    const user = newUser("plain");
    await withBrowser((_context, page) => register(page, user));
    await withBrowser(
      async (_context, page) => {
        await page.goto("/expenses");
        await page.waitForURL(`${baseUrl}/login?next=%2Fexpenses`);

        await page.getByLabel("Email", { exact: true }).fill(user.email);
        await page.getByLabel("Password", { exact: true }).fill("not the right password at all");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForLoadState();
        assert.equal((await page.getByRole("alert").textContent()).trim(), wrongCredentials);

        await page.getByLabel("Email", { exact: true }).fill(user.email);
        await page.getByLabel("Password", { exact: true }).fill(user.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(`${baseUrl}/expenses`);
        assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Expenses");
      },
      { javaScriptEnabled: false },
    );
  });
});
