import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deflateSync } from "node:zlib";
import {
  baseUrl,
  categoryIds,
  createExpense,
  eventually,
  launch,
  waitForHydration,
  waitForText,
  withUser,
} from "../support.mjs";

// Two registrations in this file: registering is slow by design (Argon2).

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function pngChunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  const chunk = Buffer.alloc(body.length + 8);
  chunk.writeUInt32BE(data.length, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4);
  return chunk;
}

/** A one-colour RGB PNG, made here so the tests need no fixture files. */
function png(width, height, [red, green, blue]) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const row = Buffer.from([0, ...Array.from({ length: width }, () => [red, green, blue]).flat()]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk("IHDR", header), pngChunk("IDAT", pixels), pngChunk("IEND", Buffer.alloc(0))]);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** Uploads through `POST /api/v1/receipts`, as an outside client would. */
async function uploadReceipt(page, name, buffer, mimeType = "image/png") {
  const response = await page.request.post("/api/v1/receipts", { multipart: { file: { name, mimeType, buffer } } });
  assert.equal(response.status(), 201, await response.text());
  return response.json();
}

async function receiptStatus(page, id) {
  return (await page.request.get(`/api/v1/receipts/${id}`)).status();
}

async function openExpenses(page) {
  await page.goto("/expenses");
  await waitForHydration(page);
}

const rowOf = (page, merchant) =>
  page.getByTestId("expense-row").filter({ has: page.getByTestId("expense-merchant").getByText(merchant, { exact: true }) });
const receiptButton = (row) => row.getByRole("link", { name: /^View receipt for / });
const imageLoaded = (image) => image.evaluate((element) => element.complete && element.naturalWidth > 0);

describe("receipts", () => {
  test("a photo uploaded in the add form is attached to the expense and opens in the viewer", async () => {
    await withUser("receipts", async (page, context) => {
      await openExpenses(page);
      await page.getByText("Add expense").click();
      const field = page.getByTestId("receipt-field");
      await field.waitFor();
      const picker = page.locator("#expense-receipt");
      assert.equal(await picker.getAttribute("accept"), "image/jpeg,image/png,image/webp,application/pdf");
      assert.equal(await picker.getAttribute("capture"), "environment");

      // A web page dressed up as a PNG is refused with the server's reason, and nothing is attached.
      await picker.setInputFiles({ name: "x.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") });
      await waitForText(field.getByTestId("receipt-error"), "Receipts must be JPEG, PNG or WebP images or PDF files.");
      assert.equal(await field.getByTestId("receipt-preview").count(), 0);
      await page.getByLabel("Amount", { exact: true }).fill("5");
      await page.getByLabel("Merchant", { exact: true }).fill("Kiosk");
      const [plain] = await Promise.all([
        page.waitForRequest((request) => request.url().includes("/expenses/create")),
        page.getByRole("button", { name: "Save expense" }).click(),
      ]);
      assert.doesNotMatch(decodeURIComponent(plain.postData() ?? ""), /receipt_id/);
      await rowOf(page, "Kiosk").waitFor();
      assert.equal(await receiptButton(rowOf(page, "Kiosk")).count(), 0);
      await waitForText(field.getByTestId("receipt-error"), "", 2_000);

      // A real picture is uploaded at once and previewed.
      await picker.setInputFiles({ name: "till slip.png", mimeType: "image/png", buffer: png(40, 30, [200, 30, 30]) });
      const preview = field.getByTestId("receipt-preview");
      await waitForText(preview.getByTestId("receipt-name"), "till slip.png");
      await eventually(() => imageLoaded(preview.getByTestId("receipt-thumbnail")), "the thumbnail loads");
      await page.getByLabel("Amount", { exact: true }).fill("12.34");
      await page.getByLabel("Merchant", { exact: true }).fill("Stationer");
      const [attached] = await Promise.all([
        page.waitForRequest((request) => request.url().includes("/expenses/create")),
        page.getByRole("button", { name: "Save expense" }).click(),
      ]);
      assert.match(decodeURIComponent(attached.postData() ?? ""), /expense\[receipt_id\]=\d+/);
      const row = rowOf(page, "Stationer");
      await row.waitFor();
      await preview.waitFor({ state: "detached" });

      // The row's button opens the viewer with the image itself and a download link.
      const button = receiptButton(row);
      await button.click();
      const viewer = page.getByRole("dialog", { name: "Receipt" });
      const image = viewer.getByTestId("receipt-image");
      await image.waitFor();
      await eventually(async () => (await image.evaluate((element) => element.naturalWidth)) === 40, "the image loads");
      await waitForText(viewer.getByTestId("receipt-name"), "till slip.png");
      const href = await viewer.getByRole("link", { name: "Download" }).getAttribute("href");
      assert.match(href, /^\/api\/v1\/receipts\/\d+\?download=true$/);
      const file = await page.request.get(href);
      assert.equal(file.status(), 200);
      assert.equal(file.headers()["content-type"], "image/png");
      assert.match(file.headers()["content-disposition"], /^attachment/);

      // Esc and the close button both close it.
      await page.keyboard.press("Escape");
      await viewer.waitFor({ state: "detached" });
      await button.click();
      await viewer.getByRole("button", { name: "Close" }).click();
      await viewer.waitFor({ state: "detached" });

      // The phone's card list keeps the button.
      await page.setViewportSize({ width: 360, height: 740 });
      assert.ok(await button.isVisible());

      // Without JavaScript the button is a plain link to the file, and the form has no upload
      // field (the rest of it still posts as before).
      const plainContext = await launch({ javaScriptEnabled: false });
      try {
        await plainContext.addCookies(await context.cookies());
        const plainPage = await plainContext.newPage();
        await plainPage.goto("/expenses");
        const link = receiptButton(rowOf(plainPage, "Stationer"));
        assert.match(await link.getAttribute("href"), /^\/api\/v1\/receipts\/\d+$/);
        assert.equal(await plainPage.locator("#add-expense input[type=file]").count(), 0);
      } finally {
        await plainContext.close();
      }
    });
  });

  test("editing replaces or deletes the receipt, and deleting the expense can take its receipt along", async () => {
    await withUser("receiptedit", async (page) => {
      const ids = await categoryIds(page);
      await openExpenses(page);
      const today = await page.locator("#expense-spent_on").inputValue();
      const first = await uploadReceipt(page, "first.png", png(20, 20, [0, 0, 200]));
      const invoice = await uploadReceipt(page, "invoice.pdf", PDF, "application/pdf");
      const kept = await uploadReceipt(page, "kept.png", png(10, 10, [0, 150, 0]));
      await createExpense(page, { amount: "30", spent_on: today, category_id: ids.Shopping, merchant: "Hardware", receipt_id: first.id });
      await createExpense(page, { amount: "99", spent_on: today, category_id: ids.Other, merchant: "Invoice", receipt_id: invoice.id });
      await createExpense(page, { amount: "7", spent_on: today, category_id: ids.Dining, merchant: "Bistro", receipt_id: kept.id });
      await openExpenses(page);

      // A PDF is offered as a download, never embedded.
      await receiptButton(rowOf(page, "Invoice")).click();
      const viewer = page.getByRole("dialog", { name: "Receipt" });
      await viewer.getByRole("link", { name: "Download PDF" }).waitFor();
      await waitForText(viewer.getByTestId("receipt-name"), "invoice.pdf");
      assert.equal(await viewer.getByTestId("receipt-image").count(), 0);
      await page.keyboard.press("Escape");
      await viewer.waitFor({ state: "detached" });

      // The edit page shows the stored receipt; a replacement is sent as the only change, and
      // the server deletes the receipt it replaces.
      await rowOf(page, "Hardware").getByRole("link", { name: /^Edit / }).click();
      await page.waitForURL(/\/expenses\/\d+$/);
      await waitForHydration(page);
      const preview = page.getByTestId("receipt-preview");
      await waitForText(preview.getByTestId("receipt-name"), "first.png");
      await preview.getByRole("button", { name: "Delete receipt" }).waitFor();
      await page.locator("#edit-receipt").setInputFiles({ name: "second.png", mimeType: "image/png", buffer: png(30, 20, [250, 200, 0]) });
      await waitForText(preview.getByTestId("receipt-name"), "second.png");
      await preview.getByRole("button", { name: "Remove" }).waitFor();
      const [update] = await Promise.all([
        page.waitForRequest((request) => request.url().includes("/expenses/update")),
        page.getByRole("button", { name: "Save changes" }).click(),
      ]);
      const sent = decodeURIComponent(update.postData() ?? "");
      const replacement = Number(sent.match(/changes\[receipt_id\]=(\d+)/)?.[1]);
      assert.ok(replacement && replacement !== first.id, `the new receipt is sent: ${sent}`);
      assert.doesNotMatch(sent, /amount|merchant|spent_on/, `only the receipt changed: ${sent}`);
      await page.waitForURL(`${baseUrl}/expenses`);
      assert.equal(await receiptStatus(page, first.id), 404, "the replaced receipt is gone");
      assert.equal(await receiptStatus(page, replacement), 200);

      // "Also delete its receipt" deletes both.
      const confirm = page.getByRole("dialog", { name: "Delete this expense?" });
      await rowOf(page, "Hardware").getByRole("button", { name: /^Delete / }).click();
      await confirm.getByLabel("Also delete its receipt").check();
      await confirm.getByRole("button", { name: "Delete expense" }).click();
      await confirm.waitFor({ state: "detached" });
      await page.getByTestId("toast").filter({ hasText: "Expense and receipt deleted" }).waitFor();
      await eventually(async () => (await rowOf(page, "Hardware").count()) === 0, "the row is gone");
      assert.equal(await receiptStatus(page, replacement), 404);

      // Cancel keeps everything; without the box ticked the receipt stays, and Undo brings the
      // expense back with it.
      await rowOf(page, "Bistro").getByRole("button", { name: /^Delete / }).click();
      await confirm.getByRole("button", { name: "Cancel" }).click();
      await confirm.waitFor({ state: "detached" });
      assert.equal(await rowOf(page, "Bistro").count(), 1);
      await rowOf(page, "Bistro").getByRole("button", { name: /^Delete / }).click();
      assert.equal(await confirm.getByLabel("Also delete its receipt").isChecked(), false);
      await confirm.getByRole("button", { name: "Delete expense" }).click();
      const toast = page.getByTestId("toast").filter({ hasText: "Expense deleted" });
      await toast.getByRole("button", { name: "Undo" }).click();
      await receiptButton(rowOf(page, "Bistro")).waitFor();
      assert.equal(await receiptStatus(page, kept.id), 200);

      // "Delete receipt" on the edit page deletes it at once; the expense stays, without it.
      await rowOf(page, "Invoice").getByRole("link", { name: /^Edit / }).click();
      await page.waitForURL(/\/expenses\/\d+$/);
      await waitForHydration(page);
      await waitForText(preview.getByTestId("receipt-name"), "invoice.pdf");
      await preview.getByRole("button", { name: "Delete receipt" }).click();
      await waitForText(page.getByTestId("receipt-status"), "Receipt deleted.");
      await preview.waitFor({ state: "detached" });
      assert.equal(await receiptStatus(page, invoice.id), 404);
      await page.getByRole("link", { name: "Back to expenses" }).click();
      await page.waitForURL(`${baseUrl}/expenses`);
      await rowOf(page, "Invoice").waitFor();
      assert.equal(await receiptButton(rowOf(page, "Invoice")).count(), 0);
    });
  });
});
