import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  adminAccount,
  baseUrl,
  eventually,
  launch,
  newUser,
  register,
  signIn,
  waitForHydration,
  waitForText,
  withUser,
} from "../support.mjs";

// The administrator comes from scripts/e2e.sh (`spendwise create-admin`); every other account is
// registered here. Registering and signing in are slow by design (Argon2), so one long test walks
// through every action on one user.

const text = async (locator) => (await locator.textContent())?.trim();
const userRow = (page, email) => page.locator(`[data-testid="admin-user-row"][data-email="${email}"]`);

/** A browser with the page open, closed by `close()`; fails the test if the page threw. */
async function openBrowser(options) {
  const context = await launch(options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      assert.deepEqual(errors, [], "no script errors on the page");
    },
  };
}

async function signInAsAdmin(page) {
  await signIn(page, adminAccount());
  await page.waitForURL(`${baseUrl}/`);
  await waitForHydration(page);
}

/** Searches the users page for `email` through its form and waits for that one row. */
async function searchFor(page, email) {
  await page.getByTestId("admin-user-search").fill(email);
  await page.getByTestId("admin-user-search-submit").click();
  await page.waitForURL((url) => url.searchParams.get("q") === email);
  await waitForText(page.getByTestId("admin-user-count"), `1 user matches “${email}”`);
  return userRow(page, email);
}

/** Clicks a row's action and waits for its confirmation (the list then loads again). */
async function act(page, email, testId, confirmation) {
  await userRow(page, email).getByTestId(testId).click();
  await page.getByTestId("toast").filter({ hasText: confirmation }).waitFor();
}

/** What the user's own browser gets from the API now: 200 while their session lives. */
async function profileStatus(page) {
  return (await page.request.get("/api/v1/auth/profile")).status();
}

describe("the admin pages", () => {
  test("a member asking for an admin page gets the not-found page", async () => {
    await withUser("member", async (page) => {
      for (const path of ["/admin", "/admin/users", "/admin/activity?kind=admin.", "/admin/database", "/admin/emails"]) {
        const response = await page.goto(path);
        assert.equal(response.status(), 404, path);
        await waitForHydration(page);
        assert.equal(await text(page.getByRole("heading", { level: 1 })), "Page not found");
        assert.equal(await page.getByTestId("admin-nav").count(), 0);
        assert.equal(await page.getByTestId("admin-user-row").count(), 0);
        assert.equal(await page.getByTestId("sql-editor").count(), 0);
      }
      const mainNav = page.getByRole("navigation", { name: "Main" });
      assert.equal(await mainNav.getByRole("link", { name: "Admin" }).count(), 0);
    });
  });

  test("an admin follows a new user's welcome email on the emails page", async () => {
    let member;
    await withUser("mailed", async (_page, _context, user) => {
      member = user;
    });
    const { page, close } = await openBrowser();
    try {
      await signInAsAdmin(page);
      await page.goto("/admin/emails");
      await waitForHydration(page);
      const row = page.getByTestId("email-row").filter({ hasText: member.email });
      // Sent by the embedded worker within a second or two; the page shows it after a reload.
      await eventually(async () => {
        await page.reload();
        await waitForHydration(page);
        return (await row.getAttribute("data-status").catch(() => null)) === "sent";
      }, "the welcome email is sent", 20_000);
      assert.match(await text(row), /Welcome to SpendWise/);
      assert.match(await text(page.getByTestId("email-summary")), /handled in-process/);

      await page.getByTestId("email-filter").getByRole("link", { name: "Failed" }).click();
      await page.waitForURL((url) => url.searchParams.get("status") === "failed");
      await page.getByText("No emails yet.").waitFor();
      await page.getByTestId("email-filter").getByRole("link", { name: "Sent" }).click();
      await page.waitForURL((url) => url.searchParams.get("status") === "sent");
      await row.waitFor();
    } finally {
      await close();
    }
  });

  test("an admin disables, enables, promotes, demotes, signs out and deletes a user, and the log shows it", async () => {
    const target = newUser("target");
    const theirs = await openBrowser();
    const mine = await openBrowser();
    try {
      await register(theirs.page, target);
      assert.equal(await profileStatus(theirs.page), 200);

      const page = mine.page;
      await signInAsAdmin(page);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
      await page.waitForURL(`${baseUrl}/admin`);
      assert.equal(await page.getByTestId("admin-tool-analytics").count(), 1, "every tool is listed");
      await page.getByTestId("admin-tool-users").click();
      await page.waitForURL(`${baseUrl}/admin/users`);
      await waitForHydration(page);

      // The admin's own account cannot be disabled: the server's reason shows under the row.
      const admin = adminAccount();
      const own = await searchFor(page, admin.email);
      const adminId = await own.getAttribute("data-id");
      await own.getByTestId("disable-user").click();
      const refusal = page.locator(`[data-testid="admin-user-error"][data-email="${admin.email}"]`);
      await waitForText(refusal, "You cannot disable your own account.");
      assert.equal(await text(own.getByTestId("user-status")), "Active");

      const row = await searchFor(page, target.email);
      const targetId = await row.getAttribute("data-id");
      assert.equal(await text(row.getByTestId("user-role")), "User");
      assert.equal(await text(row.getByTestId("user-status")), "Active");
      assert.equal(await text(row.getByTestId("user-sessions")), "1");
      assert.equal(await row.getByTestId("user-activity").getAttribute("href"), `/admin/activity?user_id=${targetId}`);

      await act(page, target.email, "disable-user", `${target.email} is disabled and signed out everywhere.`);
      await waitForText(row.getByTestId("user-status"), "Disabled");
      await waitForText(row.getByTestId("user-sessions"), "0");
      assert.equal(await profileStatus(theirs.page), 401, "a disabled user's session ends at once");

      await act(page, target.email, "enable-user", `${target.email} can sign in again.`);
      await waitForText(row.getByTestId("user-status"), "Active");
      await signIn(theirs.page, target);
      await theirs.page.waitForURL(`${baseUrl}/`);
      assert.equal(await profileStatus(theirs.page), 200);

      await act(page, target.email, "make-admin", `${target.email} is now an administrator.`);
      await waitForText(row.getByTestId("user-role"), "Admin");
      await act(page, target.email, "make-user", `${target.email} is no longer an administrator.`);
      await waitForText(row.getByTestId("user-role"), "User");
      await waitForText(row.getByTestId("user-sessions"), "1");

      await act(page, target.email, "revoke-sessions", `Ended 1 session of ${target.email}; they must sign in again.`);
      await waitForText(row.getByTestId("user-sessions"), "0");
      assert.equal(await profileStatus(theirs.page), 401, "a revoked session no longer works");

      // Deleting asks for the email address; the button stays disabled until it matches.
      await row.getByTestId("delete-user").click();
      await page.waitForURL((url) => url.searchParams.get("delete") === targetId);
      const dialog = page.getByTestId("delete-user-dialog");
      await dialog.waitFor();
      const confirm = dialog.getByTestId("confirm-delete");
      await eventually(() => confirm.isDisabled(), "the button starts disabled");
      const typed = dialog.getByLabel("Type the user's email address to confirm");
      await typed.fill(target.email.slice(0, -1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.ok(await confirm.isDisabled(), "a wrong address keeps the button disabled");
      await typed.fill(` ${target.email.toUpperCase()} `);
      await eventually(() => confirm.isEnabled(), "the right address (any case) enables the button");
      await confirm.click();
      await page.getByTestId("toast").filter({ hasText: `${target.email} and everything they recorded were deleted.` }).waitFor();
      await page.waitForURL((url) => !url.searchParams.has("delete"));
      await waitForText(page.getByTestId("admin-user-count"), `0 users match “${target.email}”`);
      assert.equal(await dialog.count(), 0);

      // The log has every change, newest first, made by the admin.
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Activity" }).click();
      await page.waitForURL(`${baseUrl}/admin/activity`);
      await page.getByTestId("activity-kind").fill("admin.");
      await page.getByTestId("activity-user").fill(adminId);
      await page.getByTestId("activity-filter").click();
      await page.waitForURL(`${baseUrl}/admin/activity?kind=admin.&user_id=${adminId}`);
      const mentionsTarget = new RegExp(`"user_id":\\s*${targetId}[,}]`);
      let entries = [];
      await eventually(async () => {
        entries = [];
        for (const entry of await page.getByTestId("activity-row").all()) {
          const summary = await text(entry.getByTestId("activity-summary"));
          if (!mentionsTarget.test(summary)) continue;
          entries.push({
            kind: await entry.getAttribute("data-kind"),
            by: await text(entry.getByTestId("activity-user-email")),
            summary,
          });
        }
        return entries.length === 6;
      }, "six admin entries about the user");
      assert.deepEqual(
        entries.map((entry) => entry.kind),
        [
          "admin.user_deleted",
          "admin.sessions_revoked",
          "admin.user_changed",
          "admin.user_changed",
          "admin.user_changed",
          "admin.user_changed",
        ],
      );
      assert.ok(entries.every((entry) => entry.by === admin.email), "the admin is named on every entry");
      assert.match(entries[2].summary, /"role":\s*"user"/);
      assert.match(entries[3].summary, /"role":\s*"admin"/);
      assert.match(entries[4].summary, /"disabled":\s*false/);
      assert.match(entries[5].summary, /"disabled":\s*true/);

      // The deleted user's own entries stay in the log, but no longer point at them.
      await page.goto(`/admin/activity?user_id=${targetId}`);
      await waitForHydration(page);
      await page.getByTestId("activity-empty").waitFor();
    } finally {
      await theirs.close();
      await mine.close();
    }
  });

  test("an admin browses the schema, runs read-only queries, explains one and exports the result", async () => {
    const mine = await openBrowser();
    try {
      const page = mine.page;
      const admin = adminAccount();
      await signInAsAdmin(page);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
      await page.waitForURL(`${baseUrl}/admin`);
      await page.getByTestId("admin-tool-database").click();
      await page.waitForURL(`${baseUrl}/admin/database`);
      await waitForHydration(page);

      // The schema lists every table; opening one shows its columns, its name starts a query.
      const expenses = page.locator('[data-testid="schema-table"][data-table="expenses"]');
      await expenses.waitFor();
      assert.match(await text(expenses.getByTestId("schema-row-count")), /^\d+ rows?$/);
      await expenses.getByTestId("schema-toggle").click();
      await expenses.getByTestId("schema-column").filter({ hasText: "user_id" }).waitFor();
      const editor = page.getByTestId("sql-editor");
      await expenses.getByTestId("schema-table-name").click();
      assert.equal(await editor.inputValue(), "SELECT * FROM expenses LIMIT 50");

      const grid = page.getByTestId("result-grid");
      await editor.fill("SELECT id, email FROM users ORDER BY id");
      await editor.press("Control+Enter");
      await grid.getByRole("cell", { name: admin.email, exact: true }).waitFor();
      assert.equal(await editor.inputValue(), "SELECT id, email FROM users ORDER BY id", "Ctrl+Enter adds no line");
      assert.deepEqual(
        (await grid.locator("thead th > span:first-child").allTextContents()).map((name) => name.trim()),
        ["id", "email"],
      );
      assert.match(await text(page.getByTestId("result-count")), /^\d+ rows?$/);

      // Password hashes never reach the page.
      await editor.fill("SELECT password_hash FROM users");
      await page.getByTestId("run-query").click();
      await grid.getByTestId("result-row").first().waitFor();
      const hashes = (await grid.locator("tbody td").allTextContents()).map((cell) => cell.trim());
      assert.ok(hashes.length > 0, "every user has a hash");
      assert.ok(hashes.every((cell) => cell !== "" && !cell.startsWith("$argon2")), `masked: ${hashes}`);
      assert.equal(await grid.getByText("masked", { exact: true }).count(), 1);

      // A write is refused, and said so where the result would be.
      await editor.fill("DELETE FROM users");
      await editor.press("Control+Enter");
      const refusal = page.getByTestId("console-error");
      await refusal.waitFor();
      assert.match(await text(refusal), /read-only/);
      assert.equal(await grid.count(), 0);

      await editor.fill("SELECT * FROM expenses WHERE user_id = 1");
      await page.getByTestId("explain-query").click();
      const plan = page.getByTestId("plan");
      await plan.waitFor();
      assert.ok((await plan.getByTestId("plan-step").count()) > 0, "the plan has steps");
      assert.match(await text(plan), /expenses/);

      // The CSV is the result on screen, header first.
      await editor.fill("SELECT id, email FROM users ORDER BY id");
      await page.getByTestId("run-query").click();
      await grid.getByRole("cell", { name: admin.email, exact: true }).waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
      assert.match(download.suggestedFilename(), /^query-\d{8}-\d{6}\.csv$/);
      const csv = readFileSync(await download.path(), "utf8");
      assert.ok(csv.startsWith("id,email\r\n"), csv.slice(0, 40));
      assert.ok(csv.includes(`,${admin.email}\r\n`));

      // The admin's runs from the server's log, newest first (the refused DELETE never ran);
      // a click loads one again, and they are still there after a reload.
      const history = page.getByTestId("history-item");
      await eventually(async () => (await history.count()) === 3, "three runs in the history");
      const runs = (await history.allTextContents()).map((item) => item.trim());
      assert.ok(runs[0].startsWith("SELECT id, email FROM users ORDER BY id"), runs[0]);
      assert.ok(runs[1].startsWith("SELECT password_hash FROM users"), runs[1]);
      assert.match(runs[1], /\d+ rows/);
      await history.nth(1).click();
      assert.equal(await editor.inputValue(), "SELECT password_hash FROM users");
      await page.reload();
      await waitForHydration(page);
      await eventually(async () => (await history.count()) === 3, "the history survives a reload");
    } finally {
      await mine.close();
    }
  });

  test("without JavaScript the admin searches with the GET form and a row's action still posts", async () => {
    const target = newUser("plain");
    const theirs = await openBrowser();
    const mine = await openBrowser();
    let plain;
    try {
      await register(theirs.page, target);
      await signInAsAdmin(mine.page);
      plain = await launch({ javaScriptEnabled: false });
      await plain.addCookies(await mine.context.cookies());
      const page = await plain.newPage();
      await page.goto("/admin/users");
      await page.getByLabel("Search by email or name").fill(target.email);
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(`${baseUrl}/admin/users?q=${encodeURIComponent(target.email)}`);
      const row = userRow(page, target.email);
      assert.equal(await text(row.getByTestId("user-status")), "Active");

      await row.getByTestId("disable-user").click();
      await page.waitForLoadState();
      await waitForText(userRow(page, target.email).getByTestId("user-status"), "Disabled");
      assert.equal(await profileStatus(theirs.page), 401);

      // The delete dialog is a link; the server checks the typed address.
      await userRow(page, target.email).getByTestId("delete-user").click();
      const dialog = page.getByTestId("delete-user-dialog");
      await dialog.getByTestId("confirm-email").fill("someone-else@example.com");
      await dialog.getByTestId("confirm-delete").click();
      await page.waitForLoadState();
      await waitForText(page.locator("#delete-user-confirm_email-error"), "Type the user's email address to confirm.");
      await page.getByTestId("confirm-email").fill(target.email);
      await page.getByTestId("confirm-delete").click();
      await page.waitForLoadState();
      await waitForText(page.getByTestId("admin-user-count"), `0 users match “${target.email}”`);

      await page.goto("/admin/activity?kind=admin.user_deleted");
      const latest = page.getByTestId("activity-row").first();
      assert.match(await text(latest.getByTestId("activity-summary")), new RegExp(target.email.replace(/[.]/g, "\\.")));
    } finally {
      await plain?.close();
      await theirs.close();
      await mine.close();
    }
  });
});
