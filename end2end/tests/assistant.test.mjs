import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  baseUrl,
  categoryIds,
  createExpense,
  eventually,
  launch,
  waitForHydration,
  withUser,
} from "../support.mjs";

// Registering is slow by design (Argon2): one user walks through the whole page, and a second
// one only checks that the first one's conversation stays theirs.

const QUESTION = "how much did I spend on dining this month?";
const text = async (locator) => (await locator.textContent())?.trim() ?? "";
const answers = (page) => page.getByTestId("assistant-answer");
const historyItem = (page, id) => page.locator(`[data-testid="assistant-history-item"][data-id="${id}"]`);

/** The user's today as the server sees it: the expense form's default date. */
async function userToday(page) {
  await page.goto("/expenses");
  await waitForHydration(page);
  return page.locator("#expense-spent_on").inputValue();
}

async function openAssistant(page, search = "") {
  await page.goto(`/assistant${search}`);
  await waitForHydration(page);
}

/** Types `question`, sends it with Enter and waits for the answer (the `count`th on the page). */
async function ask(page, question, count) {
  const box = page.getByTestId("assistant-question");
  await box.fill(question);
  await box.press("Enter");
  await eventually(async () => (await answers(page).count()) === count, `answer ${count} never came`, 20_000);
  await page.getByTestId("assistant-send").and(page.getByText("Send")).waitFor();
  return answers(page).nth(count - 1);
}

/** The open conversation's id, from `?c=`. */
function openConversation(page) {
  return new URL(page.url()).searchParams.get("c");
}

describe("the assistant page", () => {
  test("answers with a table and its SQL, caches, follows up, keeps a history that reopens and deletes, and keeps it private", async () => {
    let openedId;
    let cookies;
    await withUser("asker", async (page, context) => {
      const today = await userToday(page);
      const ids = await categoryIds(page);
      await createExpense(page, { amount: "42.50", spent_on: today, category_id: ids.Dining, merchant: "Noodle Bar" });
      await createExpense(page, { amount: "18", spent_on: today, category_id: ids.Groceries, merchant: "Corner Shop" });

      // An empty chat offers questions to start with.
      await openAssistant(page);
      const empty = page.getByTestId("assistant-empty");
      await empty.waitFor();
      assert.ok((await empty.getByTestId("assistant-suggestion").count()) >= 3, "starter suggestions");
      assert.equal(await text(page.getByTestId("assistant-question-count")), `0 / 500`);
      assert.equal(await page.getByTestId("assistant-send").isDisabled(), true, "nothing to send yet");

      // The answer: the sentence, the table, the SQL on demand; the URL gets the conversation.
      const answer = await ask(page, QUESTION, 1);
      assert.match(await text(answer.getByTestId("assistant-answer-text")), /42\.50 USD/);
      assert.match(await text(answer.getByTestId("assistant-table")), /42\.50 USD/);
      assert.equal(await answer.getByTestId("assistant-source").textContent(), "Built-in");
      assert.equal(await answer.getByTestId("assistant-cached").count(), 0, "a first answer is not cached");
      assert.equal(await empty.count(), 0, "the starters are gone");
      await page.waitForURL(/\/assistant\?c=[0-9a-f-]{36}$/);
      openedId = openConversation(page);
      const sql = answer.getByTestId("assistant-sql");
      assert.equal(await sql.isVisible(), false);
      await answer.getByTestId("assistant-sql-toggle").click();
      await sql.waitFor({ state: "visible" });
      assert.match(await text(sql), /SELECT/);
      assert.equal(await answer.getByTestId("assistant-sql-toggle").textContent(), "Hide SQL");
      // The latest answer offers what to ask next.
      assert.ok((await answer.getByTestId("assistant-suggestion").count()) > 0, "follow-up suggestions");

      // A follow-up stays in the conversation.
      const followUp = await ask(page, "and what about groceries?", 2);
      assert.match(await text(followUp.getByTestId("assistant-answer-text")), /18\.00 USD/);
      assert.equal(openConversation(page), openedId, "the same conversation");
      assert.equal(await answers(page).first().getByTestId("assistant-suggestion").count(), 0, "only the latest answer suggests");
      const item = historyItem(page, openedId);
      await item.getByText("2 questions").waitFor();

      // The same question in a new chat, on unchanged data, comes from the cache.
      await page.getByTestId("assistant-new-chat").click();
      await page.waitForURL(`${baseUrl}/assistant`);
      await page.getByTestId("assistant-empty").waitFor();
      const again = await ask(page, QUESTION, 1);
      await again.getByTestId("assistant-cached").waitFor();
      assert.match(await text(again.getByTestId("assistant-answer-text")), /42\.50 USD/);
      await page.waitForURL((url) => url.searchParams.get("c") && url.searchParams.get("c") !== openedId);
      const cachedId = openConversation(page);
      await eventually(async () => (await page.getByTestId("assistant-history-item").count()) === 2, "both conversations in the history");

      // The history reopens a conversation (rendered by the server), and so does a reload.
      await item.getByTestId("assistant-history-link").click();
      await page.waitForURL(`${baseUrl}/assistant?c=${openedId}`);
      await waitForHydration(page);
      await eventually(async () => (await answers(page).count()) === 2, "the reopened conversation's two answers");
      assert.deepEqual(
        await page.getByTestId("assistant-user-message").allTextContents(),
        [`You asked: ${QUESTION}`, "You asked: and what about groceries?"],
      );
      assert.equal(await item.getByTestId("assistant-history-link").getAttribute("aria-current"), "page");
      await page.reload();
      await waitForHydration(page);
      assert.equal(await answers(page).count(), 2);
      assert.match(await text(answers(page).first().getByTestId("assistant-table")), /42\.50 USD/);

      // A suggestion asks itself.
      await page.getByTestId("assistant-new-chat").click();
      const starter = page.getByTestId("assistant-empty").getByTestId("assistant-suggestion").first();
      const suggested = await text(starter);
      await starter.click();
      await eventually(async () => (await answers(page).count()) === 1, "the suggestion's answer", 20_000);
      assert.equal(await text(page.getByTestId("assistant-user-message")), `You asked: ${suggested}`);
      assert.ok((await text(answers(page).first().getByTestId("assistant-answer-text"))).length > 0);
      await page.waitForURL((url) => Boolean(url.searchParams.get("c")));

      // Deleting asks first; deleting the open conversation empties the chat.
      await openAssistant(page, `?c=${openedId}`);
      await historyItem(page, openedId).getByTestId("assistant-delete").click();
      const dialog = page.getByTestId("assistant-delete-dialog");
      await dialog.getByText("Delete this conversation?").waitFor();
      await dialog.getByTestId("assistant-confirm-delete").click();
      await page.waitForURL(`${baseUrl}/assistant`);
      await waitForHydration(page);
      await page.getByTestId("assistant-empty").waitFor();
      await page.reload();
      await waitForHydration(page);
      assert.equal(await historyItem(page, openedId).count(), 0, "gone for good");
      assert.equal(await historyItem(page, cachedId).count(), 1, "the other one stays");
      openedId = cachedId;
      cookies = await context.cookies();
    });

    // Without JavaScript the server renders a reopened conversation.
    const plain = await launch({ javaScriptEnabled: false });
    try {
      await plain.addCookies(cookies);
      const page = await plain.newPage();
      await page.goto(`/assistant?c=${openedId}`);
      assert.match(await text(answers(page).first().getByTestId("assistant-answer-text")), /42\.50 USD/);
      assert.match(await text(answers(page).first().getByTestId("assistant-table")), /42\.50 USD/);
    } finally {
      await plain.close();
    }

    // Another user cannot open it.
    await withUser("stranger", async (page) => {
      await openAssistant(page, `?c=${openedId}`);
      await page.getByTestId("assistant-open-error").getByText("No such conversation.").waitFor();
      assert.equal(await answers(page).count(), 0);
      assert.equal(await page.getByTestId("assistant-user-message").count(), 0);
      assert.equal(await page.getByTestId("assistant-history-item").count(), 0);
    });
  });
});
