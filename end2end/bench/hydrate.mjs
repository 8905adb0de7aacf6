// `make bench`: how long the dashboard takes in Chromium for a signed-in user with the benchmark's
// data, from navigation to first paint, to hydrated, and to its first chart drawn. Prints medians
// of several cold-cache loads as JSON. Usage: node bench/hydrate.mjs <base url> <email> <password>
import { launch } from "../support.mjs";

const [baseUrl, email, password] = process.argv.slice(2);
const LOADS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const context = await launch({ baseURL: baseUrl });
try {
  const signIn = await context.request.post("/api/v1/auth/login", { data: { email, password } });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
  const runs = [];
  for (let load = 0; load < LOADS; load++) {
    const page = await context.newPage();
    // A cold HTTP cache each time: what a first visit of the day downloads and compiles.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.goto("/");
    await page.waitForSelector("body[data-hydrated='true']", { timeout: 60_000 });
    const hydrated = await page.evaluate(() => performance.now());
    await page.waitForSelector("#chart-categories canvas, #chart-categories svg", { timeout: 60_000 });
    const charted = await page.evaluate(() => performance.now());
    const paint = await page.evaluate(
      () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    );
    runs.push({ paint, hydrated, charted });
    await page.close();
  }
  console.log(
    JSON.stringify({
      loads: LOADS,
      first_contentful_paint_ms: Math.round(median(runs.map((run) => run.paint))),
      hydrated_ms: Math.round(median(runs.map((run) => run.hydrated))),
      first_chart_ms: Math.round(median(runs.map((run) => run.charted))),
    }),
  );
} finally {
  await context.close();
}
