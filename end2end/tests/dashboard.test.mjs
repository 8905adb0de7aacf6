import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  baseUrl,
  categoryIds,
  createExpense,
  eventually,
  launch,
  monthsBefore,
  newUser,
  register,
  signIn,
  waitForHydration,
  waitForLive,
  waitForText,
  withUser,
} from "../support.mjs";

// One registration per test: registering is slow by design (Argon2).

/** The "Show data" table of a chart card as `[[label, amount, …], …]`. */
async function tableRows(card) {
  return card.getByTestId("chart-data").locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent.trim())),
  );
}

describe("the dashboard", () => {
  test("shows this month's numbers without JavaScript and draws the charts with it", async () => {
    const context = await launch();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await register(page, newUser("dashboard"));

      const categories = (await (await page.request.get("/api/v1/categories")).json()).items;
      const groceries = categories.find((category) => category.name === "Groceries");
      const other = categories.find((category) => category.name !== "Groceries");
      const overview = await (await page.request.get("/api/v1/analytics/overview")).json();
      const today = overview.today;
      await createExpense(page, { amount: "12.50", spent_on: today, category_id: groceries.id, merchant: "Corner Bakery" });
      await createExpense(page, { amount: "30", spent_on: today, category_id: groceries.id, merchant: "Market" });
      await createExpense(page, { amount: "7.25", spent_on: today, category_id: other.id, merchant: "Kiosk" });
      const expected = [
        ["Groceries", "42.50 USD"],
        [other.name, "7.25 USD"],
      ];

      // Without JavaScript: the cards and the tables are in the server's HTML.
      const plain = await launch({ javaScriptEnabled: false });
      try {
        await plain.addCookies(await context.cookies());
        const noScript = await plain.newPage();
        await noScript.goto("/");
        const spent = noScript.getByTestId("card-spent").getByTestId("card-value");
        assert.equal((await spent.textContent()).trim(), "49.75 USD");
        const largest = noScript.getByTestId("card-largest");
        assert.equal((await largest.getByTestId("card-value").textContent()).trim(), "30.00 USD");
        assert.match(await largest.locator("a").getAttribute("href"), /^\/expenses\/\d+$/);
        assert.equal((await noScript.getByTestId("card-budget").getByTestId("card-value").textContent()).trim(), "No overall budget");
        assert.deepEqual(await tableRows(noScript.getByTestId("chart-categories")), expected);
        assert.equal(await noScript.locator("canvas").count(), 0);
      } finally {
        await plain.close();
      }

      // With JavaScript: ECharts comes from our own server and draws the donut.
      const scripts = [];
      page.on("request", (request) => request.resourceType() === "script" && scripts.push(new URL(request.url()).pathname));
      await page.goto("/");
      await waitForHydration(page);
      const donut = page.getByTestId("chart-categories");
      await donut.locator("#chart-categories canvas").waitFor({ timeout: 20_000 });
      assert.deepEqual(await tableRows(donut), expected);
      assert.ok(scripts.includes("/vendor/echarts.min.js"), `echarts loaded from /vendor: ${scripts}`);
      await page.getByTestId("chart-daily").locator("canvas").waitFor();
      await page.getByTestId("chart-merchants").locator("canvas").waitFor();

      // "Show data" opens the table.
      await donut.getByText("Show data").click();
      await donut.getByRole("cell", { name: "42.50 USD" }).waitFor({ state: "visible" });

      // A range link changes the URL and the charts, without a reload.
      await page.getByTestId("range-picker").getByRole("link", { name: "Last month" }).click();
      await page.waitForURL(`${baseUrl}/?range=last_month`);
      await waitForText(donut.locator("p"), "Nothing spent in this range.");
      assert.equal(await page.getByTestId("range-picker").locator("[aria-current='true']").textContent(), "Last month");
      await page.getByTestId("range-picker").getByRole("link", { name: "This month" }).click();
      await page.waitForURL(`${baseUrl}/`);
      await donut.locator("#chart-categories canvas").waitFor({ timeout: 20_000 });
      assert.deepEqual(await tableRows(donut), expected);

      assert.deepEqual(errors, [], "no script errors on the page");
    } finally {
      await context.close();
    }
  });

  test("an expense added in another browser shows on the open dashboard within seconds, without a reload or skeletons", async () => {
    await withUser("live", async (page, _context, user) => {
      const ids = await categoryIds(page);
      const { today } = await (await page.request.get("/api/v1/analytics/overview")).json();
      const spent = page.getByTestId("card-spent").getByTestId("card-value");
      const donut = page.getByTestId("chart-categories");
      assert.equal((await spent.textContent()).trim(), "0.00 USD");
      await waitForText(donut.locator("p"), "Nothing spent in this range.");
      await waitForLive(page);
      // Anything that reloads the page loses this; any skeleton shown after now is counted.
      await page.evaluate(() => {
        window.sameDocument = true;
        window.skeletons = 0;
        new MutationObserver(() => {
          if (document.querySelector("main .animate-pulse")) window.skeletons += 1;
        }).observe(document.body, { childList: true, subtree: true });
      });

      const other = await launch();
      try {
        const second = await other.newPage();
        await signIn(second, user);
        await second.waitForURL(`${baseUrl}/`);
        await createExpense(second, { amount: "12.34", spent_on: today, category_id: ids.Groceries, merchant: "Market" });
      } finally {
        await other.close();
      }

      await waitForText(spent, "12.34 USD", 3_000);
      await eventually(async () => JSON.stringify(await tableRows(donut)) === JSON.stringify([["Groceries", "12.34 USD"]]), "the donut's table follows", 3_000);
      await donut.locator("#chart-categories canvas").waitFor();
      assert.deepEqual(await page.evaluate(() => [window.sameDocument, window.skeletons]), [true, 0]);
    });
  });

  test("a custom range from the form is kept in the URL and drives the charts, with and without JavaScript", async () => {
    await withUser("custom", async (page, context) => {
      const ids = await categoryIds(page);
      const { today } = await (await page.request.get("/api/v1/analytics/overview")).json();
      await createExpense(page, { amount: "20", spent_on: monthsBefore(today, 2, 10), category_id: ids.Groceries, merchant: "Old Market" });
      await createExpense(page, { amount: "5", spent_on: today, category_id: ids.Dining, merchant: "Cafe" });
      const from = monthsBefore(today, 2, 1);
      const to = monthsBefore(today, 2, 28);
      const customUrl = `${baseUrl}/?range=custom&from=${from}&to=${to}`;
      const picker = page.getByTestId("range-picker");
      const donut = page.getByTestId("chart-categories");
      const merchants = page.getByTestId("chart-merchants");
      const choose = "Choose the dates of the custom range above.";

      // "Custom" asks for the dates; the charts wait for them.
      await picker.getByRole("link", { name: "Custom" }).click();
      await page.waitForURL(`${baseUrl}/?range=custom`);
      await page.getByTestId("custom-range-hint").waitFor();
      await waitForText(donut.locator("p"), choose);
      assert.equal(await picker.locator("[aria-current='true']").textContent(), "Custom");

      await page.getByLabel("From", { exact: true }).fill(from);
      await page.getByLabel("To", { exact: true }).fill(to);
      await page.getByRole("button", { name: "Show range" }).click();
      await page.waitForURL(customUrl);
      await eventually(async () => (await tableRows(donut)).length === 1, "the donut shows the custom range");
      assert.deepEqual(await tableRows(donut), [["Groceries", "20.00 USD"]]);
      // Each chart loads on its own: the merchants may come a moment after the donut.
      await eventually(async () => (await tableRows(merchants)).length === 1, "the merchants show the custom range");
      assert.deepEqual(await tableRows(merchants), [["Old Market", "20.00 USD"]]);
      assert.equal(await picker.locator("[aria-current='true']").textContent(), "Custom");
      assert.equal(await page.getByLabel("From", { exact: true }).inputValue(), from);

      // Dates the wrong way round: a message by the form, not an error page, also after a reload.
      await page.getByLabel("From", { exact: true }).fill(today);
      await page.getByRole("button", { name: "Show range" }).click();
      await page.waitForURL(`${baseUrl}/?range=custom&from=${today}&to=${to}`);
      const problem = "The start date must be on or before the end date.";
      await waitForText(page.getByTestId("custom-range-error"), problem);
      await waitForText(donut.locator("p"), choose);
      await page.reload();
      await waitForHydration(page);
      await waitForText(page.getByTestId("custom-range-error"), problem);

      // Without JavaScript the form is a plain GET form to the same address.
      const plain = await launch({ javaScriptEnabled: false });
      try {
        await plain.addCookies(await context.cookies());
        const noScript = await plain.newPage();
        await noScript.goto("/?range=custom");
        await noScript.getByLabel("From", { exact: true }).fill(from);
        await noScript.getByLabel("To", { exact: true }).fill(to);
        await noScript.getByRole("button", { name: "Show range" }).click();
        await noScript.waitForURL(customUrl);
        assert.deepEqual(await tableRows(noScript.getByTestId("chart-categories")), [["Groceries", "20.00 USD"]]);
        assert.equal(await noScript.getByTestId("range-picker").locator("[aria-current='true']").textContent(), "Custom");
      } finally {
        await plain.close();
      }
    });
  });
});
