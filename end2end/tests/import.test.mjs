import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, test } from "node:test";
import { baseUrl, launch, waitForHydration, waitForText, withUser } from "../support.mjs";

// Registering is slow by design (Argon2): this file registers two users.

/** The user's expenses through the REST API (with the page's cookies), oldest first. */
async function storedExpenses(page) {
  const response = await page.request.get("/api/v1/expenses?sort=spent_on&order=asc&limit=100");
  assert.equal(response.status(), 200);
  return response.json();
}

/** Hands `csv` to the picker as a file called `name`. */
async function chooseFile(page, name, csv) {
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
}

/** Drops `csv` on the drop zone as a file called `name`, as dragging it from the desktop does. */
async function dropFile(page, name, csv) {
  const dataTransfer = await page.evaluateHandle(
    ([name, csv]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([csv], name, { type: "text/csv" }));
      return transfer;
    },
    [name, csv],
  );
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
}

const importButton = (page) => page.getByTestId("import-button");

describe("the import page", () => {
  test("a file with a bad row names its line and imports nothing", async () => {
    await withUser("importer", async (page, context) => {
      // The page is reached from the expenses page, and `/expenses/import` is not taken for an expense id.
      await page.goto("/expenses");
      await waitForHydration(page);
      await page.getByRole("link", { name: "Import CSV" }).click();
      await page.waitForURL(`${baseUrl}/expenses/import`);
      await page.getByRole("heading", { name: "Import expenses" }).waitFor();
      await page.reload();
      await waitForHydration(page);
      await page.getByRole("heading", { name: "Import expenses" }).waitFor();
      assert.equal(await page.getByTestId("needs-javascript").isVisible(), false, "the live page hides the no-JavaScript note");

      const csv = "date,amount,merchant\n2026-03-30,12.50,Bakery\n2026-03-31,abc,Kiosk\n2026-04-01,3.20,Cafe\n";
      await dropFile(page, "bad.csv", csv);
      await waitForText(page.getByTestId("chosen-file"), "File: bad.csv");
      await waitForText(page.getByTestId("row-count"), "3 rows in the file.");
      assert.equal(await page.getByTestId("preview-row").count(), 3);
      assert.deepEqual(await page.getByTestId("preview-row").first().locator("td").allTextContents(), ["2026-03-30", "12.50", "Bakery"]);
      assert.equal(await page.getByLabel("Merchant", { exact: true }).inputValue(), "2", "the merchant column is detected");

      await importButton(page).click();
      const error = page.getByTestId("import-error");
      await error.waitFor();
      const message = await page.getByTestId("import-error-message").textContent();
      assert.match(message, /^Line 3: /, message);
      assert.match(message, /amount/, message);
      assert.match(await error.textContent(), /Nothing was imported/);
      assert.equal((await storedExpenses(page)).total, 0, "nothing was imported");
      assert.equal(await importButton(page).isEnabled(), true, "the user may try again");

      // Without JavaScript the page says why it cannot work, instead of offering a dead picker.
      const plain = await launch({ javaScriptEnabled: false });
      try {
        await plain.addCookies(await context.cookies());
        const noScript = await plain.newPage();
        await noScript.goto("/expenses/import");
        await noScript.getByRole("heading", { name: "Import expenses" }).waitFor();
        assert.match(await noScript.getByTestId("needs-javascript").textContent(), /Import needs JavaScript/);
        assert.equal(await noScript.getByLabel("CSV file", { exact: true }).isDisabled(), true);
      } finally {
        await plain.close();
      }
    }, { acceptDownloads: true });
  });

  test("a bank export is mapped, retried with new categories, imported without its duplicate, and exported again", async () => {
    await withUser("bank", async (page) => {
      const categories = await (await page.request.get("/api/v1/categories")).json();
      const dining = categories.items.find((category) => category.name === "Dining");
      const existing = await page.request.post("/api/v1/expenses", {
        data: { amount: "4.20", spent_on: "2026-03-31", category_id: dining.id, merchant: "Kiosk" },
      });
      assert.equal(existing.status(), 201, await existing.text());

      // Semicolons, day/month/year dates, comma decimals, a merchant column the server cannot
      // guess, a category the user lacks, and the Kiosk expense again (line 2).
      const csv = [
        "Datum;Betrag;Händler;Kategorie;Notiz",
        "31/03/2026;4,20;Kiosk;Dining;",
        "01/04/2026;12,50;=SUM(1);Hobbies;formula",
        "02/04/2026;1.234,56;Bike Shop;Hobbies;new bike",
        "03/04/2026;7,00;Bakery;groceries;bread",
      ].join("\n");
      await page.goto("/expenses/import");
      await waitForHydration(page);
      await chooseFile(page, "bank.csv", csv);
      await waitForText(page.getByTestId("row-count"), "4 rows in the file.");
      assert.equal(await page.getByLabel("Date format", { exact: true }).inputValue(), "day_month_year");
      assert.equal(await page.getByLabel("Decimal separator", { exact: true }).inputValue(), "comma");
      assert.equal(await page.getByLabel("Date", { exact: true }).inputValue(), "0");
      assert.equal(await page.getByLabel("Category", { exact: true }).inputValue(), "3");
      assert.equal(await page.getByLabel("Merchant", { exact: true }).inputValue(), "", "not guessed");
      await page.getByLabel("Merchant", { exact: true }).selectOption({ label: "Händler" });
      assert.deepEqual(await page.getByTestId("column-fields").allTextContents(), ["Date", "Amount", "Merchant", "Category", "Note"]);
      assert.match(await page.getByTestId("new-categories").textContent(), /1 category you don't have yet: Hobbies/);

      // Without "create categories" the import stops at the first row that needs one.
      await importButton(page).click();
      await page.getByTestId("import-error").waitFor();
      assert.match(await page.getByTestId("import-error-message").textContent(), /^Line 3: you have no category “Hobbies”/);
      assert.equal((await storedExpenses(page)).total, 1, "nothing was imported");

      // The same file again, with the box ticked; the request is held back to see the progress.
      await page.getByLabel("Create categories that don't exist yet", { exact: true }).check();
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await page.route("**/api/expenses/import", async (route) => {
        await held;
        await route.continue();
      });
      await importButton(page).click();
      await waitForText(importButton(page), "Importing 4 rows…");
      assert.equal(await importButton(page).isDisabled(), true);
      await page.getByTestId("importing").locator("progress").waitFor();
      assert.equal(await page.getByTestId("import-error").count(), 0, "the old error is gone");
      release();

      await waitForText(page.getByTestId("imported-count"), "Imported 3 expenses.");
      assert.match(await page.getByTestId("skipped-duplicates").textContent(), /Skipped 1 row .*line 2\./);
      await waitForText(page.getByTestId("created-categories"), "Created the category Hobbies.");

      await page.getByRole("link", { name: "View expenses" }).click();
      await page.waitForURL(`${baseUrl}/expenses`);
      await waitForHydration(page);
      await waitForText(page.getByTestId("expense-count"), "4 expenses");
      const merchants = await page.getByTestId("expense-merchant").allTextContents();
      assert.deepEqual(merchants.map((merchant) => merchant.trim()), ["Bakery", "Bike Shop", "=SUM(1)", "Kiosk"]);
      assert.deepEqual(await page.getByTestId("expense-category").allTextContents(), ["Groceries", "Hobbies", "Hobbies", "Dining"]);
      assert.ok((await page.getByTestId("expense-amount").allTextContents()).includes("1,234.56 USD"));

      // Export what a filter shows: only the two larger expenses, the formula made harmless.
      await page.getByLabel("Min amount (USD)", { exact: true }).fill("10");
      await page.getByLabel("Min amount (USD)", { exact: true }).press("Enter");
      await page.waitForURL(/min_amount=10/);
      await waitForText(page.getByTestId("expense-count"), "2 expenses");
      const link = page.getByTestId("export-link");
      assert.match(await link.getAttribute("href"), /^\/api\/v1\/expenses\/export\?.*min_amount=10/);
      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      assert.match(download.suggestedFilename(), /^spendwise-expenses-\d{4}-\d{2}-\d{2}\.csv$/);
      const exported = (await readFile(await download.path(), "utf8")).trim().split("\n");
      assert.equal(exported[0], "date,amount,currency,category,merchant,note,tags");
      assert.deepEqual(exported.slice(1), ["2026-04-02,1234.56,USD,Hobbies,Bike Shop,new bike,", "2026-04-01,12.50,USD,Hobbies,'=SUM(1),formula,"]);
      assert.equal(page.url().includes("/api/"), false, "the page stays where it was");
    }, { acceptDownloads: true });
  });
});
