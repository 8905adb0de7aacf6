import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  artifactsDir,
  baseUrl,
  categoryIds,
  createExpense,
  eventually,
  launch,
  monthsBefore,
  newUser,
  register,
  waitForHydration,
  waitForText,
  withUser,
} from "../support.mjs";

// Every test registers one user; registering is slow by design (Argon2), so keep new tests that
// register to a minimum.

async function openExpenses(page, search = "") {
  await page.goto(`/expenses${search}`);
  await waitForHydration(page);
}

/** The user's today as the server sees it: the add form's default date. */
async function userToday(page) {
  return page.locator("#expense-spent_on").inputValue();
}

const rows = (page) => page.getByTestId("expense-row");
const rowOf = (page, merchant) => rows(page).filter({ has: page.getByTestId("expense-merchant").getByText(merchant, { exact: true }) });
const merchants = (page) => page.getByTestId("expense-merchant").allTextContents();
const amounts = (page) => page.getByTestId("expense-amount").allTextContents();

describe("the expenses page", () => {
  test("an expense added in the form appears in the table, formatted, and the totals follow", async () => {
    await withUser("adder", async (page) => {
      await openExpenses(page);
      await page.getByTestId("empty-state").getByText("No expenses yet").waitFor();
      await waitForText(page.getByTestId("expense-count"), "0 expenses");

      // `n` opens the form with the cursor in the amount.
      await page.keyboard.press("n");
      await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === "expense-amount", "n focuses the amount");

      // The browser applies the server's rules (same messages) before sending anything.
      const posts = [];
      page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));
      const amount = page.getByLabel("Amount", { exact: true });
      await amount.fill("abc");
      const today = await userToday(page);
      await page.getByLabel("Date", { exact: true }).fill(monthsBefore(today, -1, 1));
      await page.getByRole("button", { name: "Save expense" }).click();
      await page.getByText("Enter the amount as a number, like 12.34.").waitFor();
      await page.getByText("The date cannot be in the future.").waitFor();
      assert.equal(await amount.getAttribute("aria-invalid"), "true");
      assert.deepEqual(posts, [], "nothing was sent");

      await amount.fill("1234.5");
      await page.getByLabel("Date", { exact: true }).fill(today);
      await page.getByLabel("Category", { exact: true }).selectOption({ label: "Groceries" });
      await page.getByLabel("Merchant", { exact: true }).fill("Corner Bakery");
      await page.getByLabel("Tags", { exact: true }).fill("bread, weekend, Bread");
      await page.getByRole("button", { name: "Save expense" }).click();

      const bakery = rowOf(page, "Corner Bakery");
      await bakery.waitFor();
      await waitForText(bakery.getByTestId("expense-amount"), "1,234.50 USD");
      assert.equal(await bakery.getByTestId("expense-category").textContent(), "Groceries");
      assert.deepEqual(await bakery.locator(".chip").allTextContents(), ["bread", "weekend"]);
      await waitForText(page.getByTestId("expense-count"), "1 expense");
      await waitForText(page.getByTestId("expense-sums"), "1,234.50 USD");
      assert.equal(await amount.inputValue(), "", "the form is ready for the next one");

      await amount.fill("10");
      await page.getByLabel("Merchant", { exact: true }).fill("Kiosk");
      await page.keyboard.press("Enter");
      await rowOf(page, "Kiosk").waitFor();
      await waitForText(page.getByTestId("expense-count"), "2 expenses");
      await waitForText(page.getByTestId("expense-sums"), "1,244.50 USD");

      await page.reload();
      await waitForHydration(page);
      assert.equal(await rows(page).count(), 2, "both are stored");

      // `/` jumps to the search box.
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("/");
      await eventually(async () => (await page.evaluate(() => document.activeElement?.id)) === "expense-search", "/ focuses search");
    });
  });

  test("editing sends only the changed fields and returns to the same view", async () => {
    await withUser("editor", async (page) => {
      const ids = await categoryIds(page);
      const today = await (async () => {
        await openExpenses(page);
        return userToday(page);
      })();
      await createExpense(page, { amount: "12.00", spent_on: today, category_id: ids.Dining, merchant: "Noodle Bar", note: "lunch" });
      await createExpense(page, { amount: "3.00", spent_on: today, category_id: ids.Dining, merchant: "Cafe" });
      await openExpenses(page, "?sort=amount&order=asc");

      await rowOf(page, "Noodle Bar").getByRole("link", { name: /^Edit / }).click();
      await page.waitForURL(/\/expenses\/\d+\?sort=amount&order=asc$/);
      await waitForHydration(page);
      assert.equal(await page.getByLabel("Merchant", { exact: true }).inputValue(), "Noodle Bar");
      assert.equal(await page.getByLabel("Amount", { exact: true }).inputValue(), "12.00");

      await page.getByLabel("Amount", { exact: true }).fill("15.5");
      await page.getByLabel("Category", { exact: true }).selectOption({ label: "Groceries" });
      const [update] = await Promise.all([
        page.waitForRequest((request) => request.url().includes("/expenses/update")),
        page.getByRole("button", { name: "Save changes" }).click(),
      ]);
      const sent = decodeURIComponent(update.postData() ?? "");
      assert.match(sent, /changes\[amount\]=15\.50/);
      assert.match(sent, /changes\[category_id\]=\d+/);
      assert.doesNotMatch(sent, /merchant|note|spent_on|tags/, `only changes are sent: ${sent}`);

      await page.waitForURL(`${baseUrl}/expenses?sort=amount&order=asc`);
      const noodles = rowOf(page, "Noodle Bar");
      await waitForText(noodles.getByTestId("expense-amount"), "15.50 USD");
      await waitForText(noodles.getByTestId("expense-category"), "Groceries");
      assert.deepEqual(await merchants(page), ["Cafe", "Noodle Bar"], "still sorted by amount, ascending");
      await waitForText(page.getByTestId("expense-sums"), "18.50 USD");
    });
  });

  test("a deleted expense leaves at once and Undo brings it back", async () => {
    await withUser("deleter", async (page) => {
      const ids = await categoryIds(page);
      await openExpenses(page);
      const today = await userToday(page);
      await createExpense(page, { amount: "4.20", spent_on: today, category_id: ids.Dining, merchant: "Coffee Corner", tags: ["morning"] });
      await createExpense(page, { amount: "60", spent_on: today, category_id: ids.Transport, merchant: "Fuel Station" });
      await openExpenses(page);
      await waitForText(page.getByTestId("expense-count"), "2 expenses");

      await rowOf(page, "Coffee Corner").getByRole("button", { name: /^Delete / }).click();
      await eventually(async () => (await rowOf(page, "Coffee Corner").count()) === 0, "the row is gone at once", 2_000);
      const toast = page.getByTestId("toast").filter({ hasText: "Expense deleted" });
      await toast.waitFor();
      await waitForText(page.getByTestId("expense-count"), "1 expense");
      await waitForText(page.getByTestId("expense-sums"), "60.00 USD");

      await toast.getByRole("button", { name: "Undo" }).click();
      const restored = rowOf(page, "Coffee Corner");
      await restored.waitFor();
      await waitForText(restored.getByTestId("expense-amount"), "4.20 USD");
      assert.deepEqual(await restored.locator(".chip").allTextContents(), ["morning"]);
      await waitForText(page.getByTestId("expense-count"), "2 expenses");

      // Without Undo the notice goes away by itself.
      await rowOf(page, "Fuel Station").getByRole("button", { name: /^Delete / }).click();
      await page.getByTestId("toast").filter({ hasText: "Expense deleted" }).waitFor();
      await page.getByTestId("toast").filter({ hasText: "Expense deleted" }).waitFor({ state: "detached", timeout: 10_000 });
      await page.reload();
      await waitForHydration(page);
      assert.deepEqual(await merchants(page), ["Coffee Corner"]);
    });
  });

  test("the presets show this month, last month or everything", async () => {
    await withUser("presets", async (page) => {
      const ids = await categoryIds(page);
      await openExpenses(page);
      const today = await userToday(page);
      await createExpense(page, { amount: "1", spent_on: today, category_id: ids.Other, merchant: "Now" });
      await createExpense(page, { amount: "2", spent_on: monthsBefore(today, 1, 15), category_id: ids.Other, merchant: "Last month" });
      await createExpense(page, { amount: "4", spent_on: monthsBefore(today, 3, 10), category_id: ids.Other, merchant: "Long ago" });
      await openExpenses(page);
      const presets = page.getByTestId("presets");
      assert.equal(await presets.getByRole("link", { name: "All" }).getAttribute("aria-current"), "true");

      await presets.getByRole("link", { name: "This month" }).click();
      await page.waitForURL(`${baseUrl}/expenses?preset=this_month`);
      await eventually(async () => (await merchants(page)).join() === "Now", "only this month");
      await waitForText(page.getByTestId("expense-sums"), "1.00 USD");
      assert.equal(await presets.getByRole("link", { name: "This month" }).getAttribute("aria-current"), "true");

      await presets.getByRole("link", { name: "Last month" }).click();
      await page.waitForURL(`${baseUrl}/expenses?preset=last_month`);
      await eventually(async () => (await merchants(page)).join() === "Last month", "only last month");
      await waitForText(page.getByTestId("expense-count"), "1 expense");

      await presets.getByRole("link", { name: "All" }).click();
      await page.waitForURL(`${baseUrl}/expenses`);
      await eventually(async () => (await rows(page).count()) === 3, "all three");
      await waitForText(page.getByTestId("expense-sums"), "7.00 USD");

      // A custom range with the filter form; the back button restores the previous view.
      await page.getByLabel("From", { exact: true }).fill(monthsBefore(today, 3, 1));
      await page.getByLabel("To", { exact: true }).fill(monthsBefore(today, 1, 28));
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/from=.*&to=/);
      await eventually(async () => (await merchants(page)).join() === "Last month,Long ago", "the range");
      await page.goBack();
      await eventually(async () => (await rows(page).count()) === 3, "back to all");
    });
  });

  test("sorting by amount goes both ways", async () => {
    await withUser("sorter", async (page) => {
      const ids = await categoryIds(page);
      await openExpenses(page);
      const today = await userToday(page);
      for (const [amount, merchant] of [["5", "Five"], ["50", "Fifty"], ["20", "Twenty"]]) {
        await createExpense(page, { amount, spent_on: today, category_id: ids.Shopping, merchant });
      }
      await openExpenses(page);
      const header = page.getByRole("columnheader", { name: "Amount" });

      await header.getByRole("link").click();
      await page.waitForURL(`${baseUrl}/expenses?sort=amount`);
      await eventually(async () => (await merchants(page)).join() === "Fifty,Twenty,Five", "largest first");
      assert.equal(await header.getAttribute("aria-sort"), "descending");
      assert.deepEqual(await amounts(page), ["50.00 USD", "20.00 USD", "5.00 USD"]);

      await header.getByRole("link").click();
      await page.waitForURL(`${baseUrl}/expenses?sort=amount&order=asc`);
      await eventually(async () => (await merchants(page)).join() === "Five,Twenty,Fifty", "smallest first");
      assert.equal(await header.getAttribute("aria-sort"), "ascending");
      assert.equal(await page.getByRole("columnheader", { name: "Date" }).getAttribute("aria-sort"), null);
    });
  });

  test("pages of 25 continue with Next page and return with First page", async () => {
    await withUser("pager", async (page) => {
      const ids = await categoryIds(page);
      await openExpenses(page);
      const today = await userToday(page);
      for (let n = 1; n <= 30; n++) {
        await createExpense(page, { amount: `${n}.00`, spent_on: monthsBefore(today, 1, (n % 28) + 1), category_id: ids.Other, merchant: `Shop ${n}` });
      }
      await openExpenses(page, "?limit=25");
      assert.equal(await rows(page).count(), 25);
      await waitForText(page.getByTestId("expense-count"), "30 expenses");
      assert.equal(await page.getByRole("link", { name: "First page" }).count(), 0, "no way back from the first page");
      const first = await merchants(page);

      await page.getByRole("link", { name: "Next page" }).click();
      await page.waitForURL(/cursor=/);
      await eventually(async () => (await rows(page).count()) === 5, "the other five");
      const second = await merchants(page);
      assert.equal(new Set([...first, ...second]).size, 30, "every expense once");
      assert.equal(await page.getByRole("link", { name: "Next page" }).count(), 0, "the last page");
      await waitForText(page.getByTestId("expense-count"), "30 expenses");

      await page.getByRole("link", { name: "First page" }).click();
      await page.waitForURL(`${baseUrl}/expenses`);
      await eventually(async () => (await rows(page).count()) === 25, "back to the first page");
      assert.deepEqual(await merchants(page), first);

      // The page size is part of the form; choosing 50 shows all of them.
      await page.getByLabel("Page size", { exact: true }).selectOption("50");
      await page.waitForURL(`${baseUrl}/expenses?limit=50`);
      await eventually(async () => (await rows(page).count()) === 30, "one page of 50");

      // On a phone the table is a list of cards that fits the screen.
      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the expenses page overflows a phone by ${overflow}px`);
      assert.ok(await rowOf(page, "Shop 30").getByTestId("expense-amount").isVisible());
      await page.getByTestId("totals").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${artifactsDir}/expenses-phone.png` });
    });
  });
});

describe("the expenses page with JavaScript disabled", () => {
  test("renders the table, filters with a plain form, adds and deletes", async () => {
    const signedIn = await launch();
    const setup = await signedIn.newPage();
    await register(setup, newUser("plainlist"));
    const ids = await categoryIds(setup);
    await openExpenses(setup);
    const today = await userToday(setup);
    await createExpense(setup, { amount: "3.50", spent_on: today, category_id: ids.Dining, merchant: "Coffee Cart" });
    await createExpense(setup, { amount: "80", spent_on: today, category_id: ids.Groceries, merchant: "Market" });
    const cookies = await signedIn.cookies();
    await signedIn.close();

    const context = await launch({ javaScriptEnabled: false });
    await context.addCookies(cookies);
    try {
      const page = await context.newPage();
      await page.goto("/expenses");
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Expenses");
      assert.deepEqual(await merchants(page), ["Market", "Coffee Cart"]);
      assert.equal((await page.getByTestId("expense-count").textContent()).trim(), "2 expenses");
      assert.equal((await page.getByTestId("expense-sums").textContent()).trim(), "83.50 USD");

      await page.getByLabel("Search", { exact: true }).fill("coffee");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/q=coffee/);
      assert.deepEqual(await merchants(page), ["Coffee Cart"]);
      await page.getByRole("link", { name: "Clear filters" }).click();
      await page.waitForURL(`${baseUrl}/expenses`);

      // Sorting is a link.
      await page.getByRole("columnheader", { name: "Amount" }).getByRole("link").click();
      await page.waitForURL(`${baseUrl}/expenses?sort=amount`);
      assert.deepEqual(await merchants(page), ["Market", "Coffee Cart"]);

      // Adding: the form posts to the server function, which sends the browser back.
      await page.goto("/expenses");
      await page.getByText("Add expense").click();
      await page.getByLabel("Amount", { exact: true }).fill("not money");
      await page.getByRole("button", { name: "Save expense" }).click();
      await page.waitForLoadState();
      await page.getByText("Enter the amount as a number, like 12.34.").waitFor();
      assert.equal(await rows(page).count(), 2);

      await page.getByLabel("Amount", { exact: true }).fill("7.25");
      await page.getByLabel("Merchant", { exact: true }).fill("Bookshop");
      await page.getByLabel("Tags", { exact: true }).fill("gift, books");
      await page.getByRole("button", { name: "Save expense" }).click();
      await page.waitForURL(/\/expenses/);
      const bookshop = rowOf(page, "Bookshop");
      await bookshop.waitFor();
      assert.equal(await bookshop.getByTestId("expense-amount").textContent(), "7.25 USD");
      assert.deepEqual(await bookshop.locator(".chip").allTextContents(), ["gift", "books"]);

      // Deleting is a form post too.
      await rowOf(page, "Market").getByRole("button", { name: /^Delete / }).click();
      await page.waitForURL(/\/expenses/);
      await page.getByTestId("expense-count").getByText("2 expenses").waitFor();
      assert.equal(await rowOf(page, "Market").count(), 0);
    } finally {
      await context.close();
    }
  });
});

describe("the categories page", () => {
  test("creates, renames, archives and deletes a category, moving its expenses", async () => {
    await withUser("sorting", async (page) => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Categories" }).click();
      await page.waitForURL(`${baseUrl}/categories`);
      await waitForHydration(page);
      const row = (name) => page.getByTestId("category-row").filter({ has: page.getByTestId("category-name").getByText(name, { exact: true }) });
      await row("Groceries").waitFor();
      assert.equal(await page.getByTestId("category-row").count(), 10, "the default set");

      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add category" }) });
      await form.getByLabel("Name", { exact: true }).fill("Pets");
      await form.locator("label.icon-choice[title='paw print']").click();
      await form.getByRole("button", { name: "Add category" }).click();
      await row("Pets").waitFor();
      assert.equal(await row("Pets").locator("summary svg[data-icon='paw-print']").count(), 1);
      await waitForText(row("Pets").getByTestId("category-count"), "0 expenses");

      // Names are unique per user, whatever the case; the conflict shows under the name.
      await form.getByLabel("Name", { exact: true }).fill("pets");
      await form.getByRole("button", { name: "Add category" }).click();
      await form.getByText(/already have a category named/).waitFor();
      assert.equal(await form.getByLabel("Name", { exact: true }).getAttribute("aria-invalid"), "true");

      // Rename in place.
      await row("Pets").getByText("Edit").click();
      const editor = row("Pets").locator("form").filter({ has: page.getByRole("button", { name: "Save category" }) });
      await editor.getByLabel("Name", { exact: true }).fill("Animals");
      await editor.getByRole("button", { name: "Save category" }).click();
      await row("Animals").waitFor();
      assert.equal(await row("Pets").count(), 0);

      // Archive and restore.
      await row("Travel").getByRole("button", { name: "Archive Travel" }).click();
      await row("Travel").getByText("Archived").waitFor();
      await row("Travel").getByRole("button", { name: "Restore Travel" }).click();
      await row("Travel").getByText("Archived").waitFor({ state: "detached" });

      // Deleting a category with expenses asks where they go.
      const ids = await categoryIds(page);
      await createExpense(page, { amount: "30", spent_on: "2020-01-15", category_id: ids.Animals, merchant: "Vet" });
      await page.reload();
      await waitForHydration(page);
      await waitForText(row("Animals").getByTestId("category-count"), "1 expense");
      await row("Animals").getByRole("link", { name: "Delete Animals" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      await dialog.getByLabel("Move its expenses to").selectOption({ label: "Other" });
      await dialog.getByRole("button", { name: "Move expenses and delete" }).click();
      await page.waitForURL(`${baseUrl}/categories`);
      await row("Animals").waitFor({ state: "detached" });
      await waitForText(row("Other").getByTestId("category-count"), "1 expense");

      await page.goto("/expenses");
      await waitForHydration(page);
      await waitForText(rowOf(page, "Vet").getByTestId("expense-category"), "Other");
    });
  });
});
