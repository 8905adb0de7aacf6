import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseUrl, launch, newUser, register, waitForHydration, waitForText } from "../support.mjs";

// One registration for the whole file: registering is slow by design (Argon2).

/** Records an expense through `POST /api/v1/expenses`. */
async function createExpense(page, expense) {
  const response = await page.request.post("/api/v1/expenses", { data: expense });
  assert.equal(response.status(), 201, await response.text());
}

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
});
