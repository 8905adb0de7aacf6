import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  baseUrl,
  categoryIds,
  createExpense,
  launch,
  newUser,
  register,
  waitForHydration,
  waitForText,
} from "../support.mjs";

// Registering is slow by design (Argon2): this file registers one user and hands its cookies to
// the browser without JavaScript.

/** The user's today as the server sees it: the expense form's default date. */
async function userToday(page) {
  await page.goto("/expenses");
  await waitForHydration(page);
  return page.locator("#expense-spent_on").inputValue();
}

/** "2026-11" for "2026-11-17", `offset` months away. */
function monthOf(isoDate, offset = 0) {
  const [year, month] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
}

/** "November 2026" for "2026-11". */
function monthName(month) {
  const [year, number] = month.split("-").map(Number);
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** Days from `isoDate` to the end of its month, that day included (the server's `days_left`). */
function daysLeft(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return days - day + 1;
}

async function openBudgets(page, search = "") {
  await page.goto(`/budgets${search}`);
  await waitForHydration(page);
}

const cards = (page) => page.getByTestId("budget-card");
const card = (page, name) => page.locator(`[data-testid="budget-card"][data-name="${name}"]`);
const text = async (locator) => (await locator.textContent())?.trim();

/** Fills and sends the "Add a budget" form (opening it first when it is closed). */
async function addBudget(page, { category, amount, rollover = false }) {
  const panel = page.locator("#add-budget");
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
  await panel.getByLabel("Category", { exact: true }).selectOption({ label: category });
  await panel.getByLabel("Amount", { exact: true }).fill(amount);
  if (rollover) await panel.getByRole("checkbox").check();
  await panel.getByRole("button", { name: "Add budget" }).click();
}

describe("the budgets page", () => {
  test("budgets are added, show how they stand, move with the month, change and go; without JavaScript they are all there", async () => {
    const context = await launch();
    let cookies;
    let today;
    try {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await register(page, newUser("budgeter"));
      today = await userToday(page);
      const thisMonth = monthOf(today);

      await openBudgets(page);
      await waitForText(page.getByTestId("budget-month"), monthName(thisMonth));
      const empty = page.getByTestId("budget-empty");
      await empty.getByText("No budgets yet").waitFor();

      // The empty state's button opens the form with the cursor in it.
      await empty.getByRole("link", { name: "Add your first budget" }).click();
      await page.waitForFunction(() => document.activeElement?.id === "new-budget-category_id");

      // The browser applies the server's rules (same words) before sending anything.
      const posts = [];
      page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));
      await page.locator("#add-budget").getByLabel("Amount", { exact: true }).fill("lots");
      await page.getByRole("button", { name: "Add budget" }).click();
      await page.getByText("Enter the amount as a number, like 12.34.").waitFor();
      assert.equal(await page.locator("#new-budget-amount").getAttribute("aria-invalid"), "true");
      assert.deepEqual(posts, [], "nothing was sent");

      await addBudget(page, { category: "Whole month (all categories)", amount: "500" });
      await card(page, "Whole month").waitFor();
      await page.getByTestId("toast").filter({ hasText: "Budget added: 500.00 USD for the whole month." }).waitFor();
      await addBudget(page, { category: "Dining", amount: "100", rollover: true });
      const dining = card(page, "Dining");
      await dining.waitFor();
      assert.equal(await dining.getByTestId("budget-rollover").count(), 1, "the rollover badge shows");
      // A category with a budget this month is changed in its card, not added again.
      const offered = await page.locator("#new-budget-category_id option").allTextContents();
      assert.ok(!offered.includes("Dining") && !offered.includes("Whole month (all categories)"), offered.join(", "));

      const ids = await categoryIds(page);
      await createExpense(page, { amount: "60", spent_on: today, category_id: ids.Dining, merchant: "Noodle Bar" });
      await createExpense(page, { amount: "30", spent_on: today, category_id: ids.Dining, merchant: "Cafe" });
      await page.reload();
      await waitForHydration(page);

      assert.deepEqual(await cards(page).evaluateAll((cards) => cards.map((card) => card.dataset.name)), ["Whole month", "Dining"], "the overall budget first");
      const bar = dining.getByRole("progressbar");
      assert.equal(await bar.getAttribute("data-state"), "warning");
      assert.equal(await bar.getAttribute("aria-valuenow"), "90");
      assert.equal(await text(dining.getByTestId("budget-percent")), "90%");
      assert.equal(await text(dining.getByTestId("budget-state")), "Nearly spent");
      assert.equal(await text(dining.getByTestId("budget-spent")), "90.00 USD spent of 100.00 USD");
      assert.equal(await text(dining.getByTestId("budget-left")), "10.00 USD left");
      const days = daysLeft(today);
      const daily = (Math.floor(1000 / days) / 100).toFixed(2);
      const dayWord = days === 1 ? "1 day left" : `${days} days left`;
      assert.equal(await text(dining.getByTestId("budget-pace")), `${dayWord} · about ${daily} USD per day keeps you on track`);
      const whole = card(page, "Whole month");
      assert.equal(await whole.getByRole("progressbar").getAttribute("data-state"), "under");
      assert.equal(await text(whole.getByTestId("budget-spent")), "90.00 USD spent of 500.00 USD");

      // The month lives in the URL: the previous one has no budgets, and back returns.
      await page.getByTestId("previous-month").click();
      const lastMonth = monthOf(today, -1);
      await page.waitForURL(`${baseUrl}/budgets?month=${lastMonth}`);
      await waitForText(page.getByTestId("budget-month"), monthName(lastMonth));
      await page.getByTestId("budget-empty").getByText(`No budgets in ${monthName(lastMonth)}`).waitFor();
      assert.equal(await cards(page).count(), 0);
      await page.goBack();
      await waitForText(page.getByTestId("budget-month"), monthName(thisMonth));
      await dining.waitFor();

      // Editing the amount updates the numbers.
      await dining.getByText("Edit amount or rollover").click();
      await dining.getByLabel("Amount", { exact: true }).fill("120");
      await dining.getByRole("button", { name: "Save budget" }).click();
      await waitForText(dining.getByTestId("budget-spent"), "90.00 USD spent of 120.00 USD");
      await waitForText(dining.getByTestId("budget-left"), "30.00 USD left");
      assert.equal(await dining.getByRole("progressbar").getAttribute("data-state"), "under");
      assert.equal(await text(dining.getByTestId("budget-percent")), "75%");

      // Deleting asks first.
      await dining.getByRole("link", { name: "Delete the Dining budget" }).click();
      const dialog = page.getByTestId("delete-budget");
      await dialog.getByText("Delete the Dining budget?").waitFor();
      await dialog.getByRole("button", { name: "Delete budget" }).click();
      await dining.waitFor({ state: "detached" });
      await page.waitForURL(`${baseUrl}/budgets?month=${thisMonth}`);
      assert.equal(await cards(page).count(), 1);
      await page.reload();
      await waitForHydration(page);
      assert.equal(await dining.count(), 0, "gone for good");

      assert.deepEqual(errors, [], "no script errors on the page");
      cookies = await context.cookies();
    } finally {
      await context.close();
    }

    // Without JavaScript the server renders the numbers and the bar, and the form still posts.
    const plain = await launch({ javaScriptEnabled: false });
    try {
      await plain.addCookies(cookies);
      const page = await plain.newPage();
      await page.goto("/budgets");
      const whole = card(page, "Whole month");
      assert.equal(await text(whole.getByTestId("budget-spent")), "90.00 USD spent of 500.00 USD");
      assert.equal(await text(whole.getByTestId("budget-left")), "410.00 USD left");
      const bar = whole.getByRole("progressbar");
      assert.equal(await bar.getAttribute("aria-valuenow"), "18");
      assert.match(await bar.locator("div").getAttribute("style"), /^width:\s*18%;?$/);

      await addBudget(page, { category: "Dining", amount: "80" });
      await page.waitForLoadState();
      const dining = card(page, "Dining");
      await dining.waitFor();
      assert.equal(await dining.getByRole("progressbar").getAttribute("data-state"), "over");
      assert.equal(await text(dining.getByTestId("budget-left")), "Over by 10.00 USD");

      await page.getByTestId("previous-month").click();
      await page.waitForURL(`${baseUrl}/budgets?month=${monthOf(today, -1)}`);
      assert.equal(await cards(page).count(), 0);
    } finally {
      await plain.close();
    }
  });
});
