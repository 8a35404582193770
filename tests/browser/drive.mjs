// Drives headless Chromium (Debian's, through Playwright's playwright-core) through a list
// of steps and prints what it saw as JSON; tests/test_pages_browser.py writes the steps and
// checks the answer, and benchmarks/render_bench.py times pages with it.
//
//   node drive.mjs < plan.json      plan: {"steps": [...], "viewport": {...}}
//
// Steps: {"do": "goto", "url"}, {"do": "settle"} (wait for window.gkgSettled), {"do":
// "click", "selector"}, {"do": "fill", "selector", "text"}, {"do": "type", "text"}, {"do":
// "press", "key"}, {"do": "wait", "selector", "state"?}, {"do": "waitUrl", "part"}, {"do":
// "eval", "js"} (its value is recorded), {"do": "frameSettle"} and {"do": "frameEval", "js"}
// (the same in the page's first iframe), {"do": "shot", "path"}, {"do": "sleep", "ms"}. Every request's URL, console
// error or warning, uncaught exception and dialog (alert from seed markup) is recorded.
import { chromium } from "playwright-core";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const plan = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const seen = { results: [], requests: [], problems: [], dialogs: [], error: null };
const browser = await chromium.launch({
  executablePath: plan.chromium || process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--force-device-scale-factor=1", "--disable-dev-shm-usage"],
});
try {
  const context = await browser.newContext({
    viewport: plan.viewport || { width: 1400, height: 900 },
    locale: "en-GB",
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") seen.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => seen.problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("request", (r) => seen.requests.push(r.url()));
  const timeout = plan.timeoutMs || 30000;
  for (const step of plan.steps) {
    switch (step.do) {
      case "goto":
        await page.goto(step.url, { timeout });
        break;
      case "settle":
        await page.waitForFunction(() => window.gkgSettled === true, null, { timeout });
        break;
      case "click":
        await page.click(step.selector, { timeout });
        break;
      case "fill":
        await page.fill(step.selector, step.text, { timeout });
        break;
      case "type":
        await page.keyboard.type(step.text);
        break;
      case "press":
        await page.keyboard.press(step.key);
        break;
      case "wait":
        await page.waitForSelector(step.selector, { state: step.state || "visible", timeout });
        break;
      case "waitUrl":
        await page.waitForURL((u) => u.href.includes(step.part), { timeout });
        await page.waitForLoadState("load");
        break;
      case "eval":
        seen.results.push(await page.evaluate(step.js));
        break;
      case "frameEval": // in the first inner frame (a notebook's srcdoc iframe)
        await page.waitForFunction(() => document.querySelector("iframe"), null, { timeout });
        seen.results.push(await page.frames()[1].evaluate(step.js));
        break;
      case "frameSettle":
        await page.waitForFunction(() => document.querySelector("iframe"), null, { timeout });
        await page.frames()[1].waitForFunction(() => window.gkgSettled === true, null, { timeout });
        break;
      case "shot":
        await page.screenshot({ path: step.path });
        break;
      case "sleep":
        await page.waitForTimeout(step.ms);
        break;
      default:
        throw new Error(`unknown step ${JSON.stringify(step)}`);
    }
  }
  await context.close();
} catch (err) {
  seen.error = String((err && err.stack) || err);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(seen));
