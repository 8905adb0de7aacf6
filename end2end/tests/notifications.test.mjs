import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  baseUrl,
  categoryIds,
  createExpense,
  launch,
  waitForHydration,
  waitForLive,
  waitForText,
  withUser,
} from "../support.mjs";

// One registration: registering is slow by design (Argon2).

/** Adds a budget for this month through `POST /api/v1/budgets`. */
async function createBudget(page, budget) {
  const response = await page.request.post("/api/v1/budgets", { data: budget });
  assert.equal(response.status(), 201, await response.text());
}

const bell = (page) => page.getByTestId("notifications-button");
const badge = (page) => page.getByTestId("notifications-badge");
const label = (page) => page.getByTestId("notifications-label");
const items = (page) => page.getByTestId("notification");
const titles = (page) => page.getByTestId("notification-title").allTextContents();

async function reload(page) {
  await page.reload();
  await waitForHydration(page);
}

describe("the notification bell", () => {
  test("a budget passing 80 % rings the bell live and after a reload; read stays read; it works without JavaScript and on a phone", async () => {
    await withUser("alerts", async (page, context) => {
      const ids = await categoryIds(page);
      const { today } = await (await page.request.get("/api/v1/analytics/overview")).json();
      const budgetsLink = `/budgets?month=${today.slice(0, 7)}`;

      // Nothing yet: no badge, and the panel says so; Escape closes it.
      await page.goto("/");
      await waitForHydration(page);
      assert.equal(await badge(page).count(), 0);
      assert.equal((await label(page).textContent()).trim(), "Notifications");
      await bell(page).click();
      await page.getByTestId("notifications-empty").getByText("No notifications yet.").waitFor();
      await page.keyboard.press("Escape");
      await page.getByTestId("notifications-panel").waitFor({ state: "hidden" });

      // 85 of 100 spent, written outside the page: the open page hears of the alert by itself.
      await waitForLive(page);
      await createBudget(page, { category_id: ids.Dining, amount: "100" });
      await createExpense(page, { amount: "50", spent_on: today, category_id: ids.Dining, merchant: "Noodle Bar" });
      await createExpense(page, { amount: "35", spent_on: today, category_id: ids.Dining, merchant: "Cafe" });
      await waitForText(badge(page), "1", 5_000);
      await waitForText(label(page), "Notifications, 1 unread");

      // The server renders the count with the page, and the panel lists the alert as unread.
      await reload(page);
      assert.equal((await badge(page).textContent()).trim(), "1");
      await bell(page).click();
      assert.equal(await items(page).count(), 1);
      assert.deepEqual(await titles(page), ["Unread: Dining budget: 85 % used"]);
      assert.equal(await items(page).getAttribute("data-unread"), "true");
      assert.equal(await items(page).getAttribute("href"), budgetsLink);

      // "Mark all read" clears the badge, for good.
      await page.getByTestId("mark-all-read").click();
      await badge(page).waitFor({ state: "detached" });
      await waitForText(label(page), "Notifications");
      await reload(page);
      assert.equal(await badge(page).count(), 0);
      await bell(page).click();
      assert.equal(await items(page).getAttribute("data-unread"), "false");
      assert.equal(await page.getByTestId("mark-all-read").count(), 0);
      // A press outside closes the panel.
      await page.getByRole("heading", { name: "Dashboard" }).click();
      await page.getByTestId("notifications-panel").waitFor({ state: "hidden" });

      // Going over the budget rings again; following the notification opens its page and reads it.
      await createExpense(page, { amount: "20", spent_on: today, category_id: ids.Dining, merchant: "Bistro" });
      await waitForText(badge(page), "1", 5_000);
      await bell(page).click();
      assert.deepEqual(await titles(page), ["Unread: Dining budget: over", "Dining budget: 85 % used"]);
      await items(page).first().click();
      await page.waitForURL(`${baseUrl}${budgetsLink}`);
      await badge(page).waitFor({ state: "detached" });
      await reload(page);
      assert.equal(await badge(page).count(), 0);

      // On a phone the panel fits the screen.
      await page.setViewportSize({ width: 360, height: 740 });
      await bell(page).click();
      const box = await page.getByTestId("notifications-panel").boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `panel inside the screen: ${JSON.stringify(box)}`);

      // Without JavaScript the count and the list are in the page, and "Mark all read" still works.
      await createBudget(page, { category_id: ids.Groceries, amount: "10" });
      await createExpense(page, { amount: "10", spent_on: today, category_id: ids.Groceries, merchant: "Market" });
      const plain = await launch({ javaScriptEnabled: false });
      try {
        await plain.addCookies(await context.cookies());
        const noScript = await plain.newPage();
        await noScript.goto("/");
        assert.equal((await badge(noScript).textContent()).trim(), "1");
        assert.equal((await label(noScript).textContent()).trim(), "Notifications, 1 unread");
        await bell(noScript).click();
        assert.equal((await titles(noScript))[0], "Unread: Groceries budget: used up");
        // The server answers the post by sending the browser back to the page it came from.
        await noScript.getByTestId("mark-all-read").click();
        await badge(noScript).waitFor({ state: "detached" });
        await noScript.getByRole("heading", { name: "Dashboard" }).waitFor();
        assert.equal(new URL(noScript.url()).pathname, "/");
        assert.equal((await label(noScript).textContent()).trim(), "Notifications");
      } finally {
        await plain.close();
      }
    });
  });
});
