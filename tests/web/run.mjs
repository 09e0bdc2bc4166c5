// Browser tests of the web UI: a real index of data/sample, a real `tracuu serve`, Debian's
// headless chromium driven by playwright-core, axe-core for accessibility. Screenshots go to --out.
// Exit codes: 0 all passed, 1 a test failed, 77 skipped (no browser or no npm packages).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
const tracuu = args.tracuu;
const source = args.source;
const out = args.out || join(tmpdir(), "tracuu-screenshots");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

const require = createRequire(import.meta.url);
let chromium, axePath;
try {
  ({ chromium } = require("playwright-core"));
  axePath = require.resolve("axe-core/axe.min.js");
} catch {
  console.log("SKIP: npm packages missing (run `npm ci` in tests/web)");
  process.exit(77);
}
if (!existsSync(chromiumPath)) {
  console.log(`SKIP: no browser at ${chromiumPath} (apt-get install chromium)`);
  process.exit(77);
}
mkdirSync(out, { recursive: true });

// A fresh index of the sample corpus.
const db = mkdtempSync(join(tmpdir(), "tracuu-web-"));
const indexed = spawnSync(tracuu, ["index", "--db", db, join(source, "data/sample")], { encoding: "utf8" });
if (indexed.status !== 0) {
  console.error(indexed.stderr);
  process.exit(1);
}

// A write token for the upload page's test, and the files it uploads (made from our own text).
const token = spawnSync(tracuu, ["token", "add", "--db", db, "nguoi-thu"], { encoding: "utf8" }).stdout.trim();
const uploads = join(db, "..", `${db.split("/").pop()}-uploads`);
const made = spawnSync("/usr/bin/python3", [join(source, "tests/web/make_upload_files.py"), uploads], { encoding: "utf8" });
if (made.status !== 0) {
  console.error(made.stderr);
  process.exit(1);
}

// The server on a free loopback port, with the write API and its upload page; it prints its
// address on stderr.
const server = spawn(tracuu, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet", "--writes"]);
const base = await new Promise((resolve, reject) => {
  let text = "";
  server.stderr.on("data", (chunk) => {
    text += chunk;
    const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${text}`)));
  setTimeout(() => reject(new Error("server did not start: " + text)), 15000);
});

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
const page = await context.newPage();
const consoleErrors = [];
page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(msg.text()); });
page.on("pageerror", (err) => consoleErrors.push(String(err)));

let passed = 0, failed = 0;
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(err && err.stack || err).split("\n").slice(0, 4).join("\n  ")}`);
    await page.screenshot({ path: join(out, `failed-${passed + failed}.png`), fullPage: true }).catch(() => {});
  }
}
function check(cond, message) { if (!cond) throw new Error(message); }
async function hitCount() {
  return parseInt(await page.locator("h1.count [data-total]").getAttribute("data-total"), 10);
}
async function axe(label) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `${label}: ${bad.map((v) => `${v.id} (${v.nodes.length})`).join(", ")}`);
}

await test("search with accents shows highlighted results", async () => {
  await page.goto(`${base}/search?q=${encodeURIComponent("dân vận")}`);
  check((await hitCount()) > 0, "no results");
  check((await page.locator(".hit mark").count()) > 0, "no highlighted match");
  await page.screenshot({ path: join(out, "search.png"), fullPage: true });
});

await test("search without accents from the box, with 'did you mean'", async () => {
  await page.goto(`${base}/`);
  await page.keyboard.press("/");
  check(await page.evaluate(() => document.activeElement.id === "q"), "'/' does not focus the box");
  await page.keyboard.type("dan van kheo");
  await page.keyboard.press("Enter");
  await page.waitForURL(/q=dan/);
  check((await hitCount()) > 0, "accentless query found nothing");
  const suggestion = await page.locator(".suggestion a").textContent();
  check(suggestion === "dân vận khéo", `suggestion was ${suggestion}`);
  check((await page.locator(".hit mark").first().textContent()).length > 0, "no highlight");
});

await test("clicking a facet filters and the URL keeps the state", async () => {
  await page.goto(`${base}/search?q=${encodeURIComponent("dân vận")}`);
  const before = await hitCount();
  const box = page.locator("fieldset.facet").first().locator("input[type=checkbox]").first();
  const province = await box.getAttribute("value");
  await Promise.all([page.waitForURL(/province=/), box.check()]);
  const after = await hitCount();
  check(after > 0 && after < before, `facet count ${before} -> ${after}`);
  check(new URL(page.url()).searchParams.getAll("province").includes(province), "province not in the URL");
  const api = await (await page.request.get(`${base}/api/search?${new URL(page.url()).searchParams}`)).json();
  for (const h of api.hits) check(h.provinces.includes(province), `hit ${h.id} not in ${province}`);
  await page.reload();
  check((await hitCount()) === after, "bookmark does not restore the search");
  await axe("search page");
});

await test("typing a date applies it once, when the field is left", async () => {
  await page.goto(`${base}/search?q=${encodeURIComponent("dân vận")}`);
  const navigations = [];
  page.on("framenavigated", (frame) => { if (frame === page.mainFrame()) navigations.push(frame.url()); });
  await page.locator("input[name=from]").click();
  await page.keyboard.type("01022019", { delay: 120 });  // day and month, then the year, as typed
  check(navigations.length === 0, `searched while typing: ${navigations.join(", ")}`);
  // Tab leaves the field (a first Tab may only move between its day, month and year parts).
  const leaving = page.waitForURL(/from=2019-0[12]-0[12]/);
  for (let i = 0; i < 3 && navigations.length === 0; i++) {
    await page.keyboard.press("Tab");
    await page.waitForTimeout(400);
  }
  await leaving;
  check(navigations.length === 1, `searches: ${navigations.join(", ")}`);
  check(!navigations[0].includes("from=0"), `a partial date was searched: ${navigations[0]}`);
  page.removeAllListeners("framenavigated");
});

await test("with nothing found the filters stay visible and removable", async () => {
  await page.goto(`${base}/search?q=${encodeURIComponent("dân vận")}&province=${encodeURIComponent("Lào Cai")}&year=1990`);
  check((await hitCount()) === 0, "expected no results");
  const chips = page.locator("ul.chips a");
  check((await chips.count()) === 3, `chips: ${await chips.allTextContents()}`);
  await Promise.all([page.waitForURL((u) => !u.searchParams.has("year")), page.locator("ul.chips a", { hasText: "1990" }).click()]);
  check(new URL(page.url()).searchParams.get("province") === "Lào Cai", "removing the year dropped the province");
  check((await hitCount()) > 0, "Lào Cai without the year finds nothing");
  await Promise.all([page.waitForURL((u) => !u.searchParams.has("province")), page.locator("ul.chips a.clear").click()]);
  check(new URL(page.url()).searchParams.get("q") === "dân vận", "Xóa bộ lọc lost the query");
  await axe("search page with filters");
});

let docUrl = "";
await test("open a document and follow a citation to its directive page", async () => {
  await page.goto(`${base}/search?directive=${encodeURIComponent("114-KL/TW")}&type=news`);
  await Promise.all([page.waitForURL(/\/d\//), page.locator(".hit h3 a").first().click()]);
  docUrl = page.url();
  check((await page.locator(".text p[id^=p]").count()) > 1, "no paragraphs");
  await page.screenshot({ path: join(out, "document.png"), fullPage: true });
  await axe("document page");
  await Promise.all([page.waitForURL(/\/directive\//), page.locator(".citations a.cite").first().click()]);
  check((await page.locator("svg.chart rect").count()) > 1, "no timeline bars");
  check((await page.locator(".bars li").count()) > 1, "no province breakdown");
  check((await page.locator("table.matrix a.dot").count()) > 1, "no province x year dots");
  check((await page.locator("h1").textContent()).includes("114-KL/TW"), "wrong directive");
  await page.screenshot({ path: join(out, "directive.png"), fullPage: true });
  await axe("directive page");
});

await test("a result opens at its first marked word and leads on to the next", async () => {
  await page.goto(`${base}/search?q=${encodeURIComponent("dân vận khéo")}`);
  const second = await page.locator("#hit-2 h3 a").getAttribute("href");
  await Promise.all([page.waitForURL(/hit=1/), page.locator("#hit-1 h3 a").click()]);
  const mark = page.locator(".text mark").first();
  check((await mark.count()) > 0, "nothing of the search is marked");
  await page.waitForFunction(() => {
    const r = document.querySelector(".text mark").getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, null, { timeout: 3000 });
  await axe("document page opened from a search");
  await Promise.all([page.waitForURL(/hit=2/), page.locator("nav.from-search a[rel=next]").click()]);
  check(page.url().endsWith(second), `next went to ${page.url()}, the second result is ${second}`);
  await Promise.all([page.waitForURL(/\/search\?/), page.locator("nav.from-search a.back").click()]);
  check(new URL(page.url()).hash === "#hit-2", `back to ${page.url()}`);
});

await test("typing in the box offers document numbers and documents", async () => {
  await page.goto(`${base}/`);
  await page.locator("#q").pressSequentially("114-KL", { delay: 60 });
  await page.locator("#goi-y li").first().waitFor({ timeout: 5000 });
  const texts = await page.locator("#goi-y li").allTextContents();
  check(texts.some((t) => t.startsWith("114-KL/TW")), `offered: ${texts.join(" | ")}`);
  check((await page.locator("#q").getAttribute("aria-expanded")) === "true", "the combobox does not say it is open");
  await axe("search box with its suggestions open");
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForURL(/\/directive\//), page.keyboard.press("Enter")]);
  check(decodeURIComponent(page.url()).includes("114-KL/TW"), `went to ${page.url()}`);
  await page.goto(`${base}/`);
  await page.locator("#q").pressSequentially("dân vận khéo", { delay: 40 });
  const doc = page.locator("#goi-y li[data-href^='/d/']").first();
  await doc.waitFor({ timeout: 5000 });
  await Promise.all([page.waitForURL(/\/d\//), doc.click()]);
  check((await page.locator("article.document h1").count()) === 1, "the document did not open");
});

await test("a paragraph permalink loads, and copy link gives it", async () => {
  await page.goto(`${docUrl}#p2`);
  check(await page.evaluate(() => document.querySelector(":target")?.id === "p2"), "#p2 is not the target");
  await page.locator("button.copy-link").click();
  await page.waitForFunction(() => document.querySelector(".copied").textContent.length > 0);
  const copied = await page.locator(".copied").textContent();
  check(copied.includes("#p2"), `copied: ${copied}`);
  const md = await page.locator("#wiki-md").inputValue();
  check(md.startsWith("[") && md.includes("#p2)"), `markdown: ${md}`);
  check((await page.locator("#wiki-mw").inputValue()).includes("#p2 "), "mediawiki markup");
});

await test("copy link gives the paragraph being read, and none at the top", async () => {
  const plan = (await (await page.request.get(`${base}/api/search?type=ke-hoach&size=1`)).json()).hits[0];
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto(`${base}/d/${encodeURIComponent(plan.id)}`);
  let md = await page.locator("#wiki-md").inputValue();
  check(!md.includes("#p"), `at the top the link names a paragraph: ${md}`);
  await page.locator("#p6").evaluate((p) => window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY - 100));
  const reading = await page.evaluate(() => {
    const line = window.innerHeight / 3;
    // The last paragraph that starts above the reading line, a third down the window.
    return [...document.querySelectorAll(".text p[id]")].filter((p) => p.getBoundingClientRect().top <= line).pop().id;
  });
  await page.waitForFunction((id) => document.getElementById("wiki-md").value.includes(`#${id})`), reading);
  md = await page.locator("#wiki-md").inputValue();
  check(md.includes(`#${reading})`), `reading ${reading}, copied ${md}`);
  await page.setViewportSize({ width: 1280, height: 900 });
});

await test("printing gives the text without the site around it", async () => {
  await page.goto(docUrl);
  await page.emulateMedia({ media: "print" });
  check(!(await page.locator("header.top").isVisible()), "the header prints");
  check(!(await page.locator(".share").isVisible()), "the share box prints");
  check(!(await page.locator("a.anchor").first().isVisible()), "¶ marks print");
  check(await page.locator(".text p").first().isVisible(), "the text does not print");
  await page.emulateMedia({ media: "screen" });
});

await test("phone width: no horizontal scrolling", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/search?q=dan+van", new URL(docUrl).pathname, "/directive/114-KL%2FTW"]) {
    await page.goto(base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 1, `${path} overflows by ${overflow}px`);
  }
  await page.goto(`${base}/search?q=dan+van`);
  await page.screenshot({ path: join(out, "search-phone.png"), fullPage: true });
});

await test("phone width: filters one tap away, the matrix shows the newest year beside the names", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/search?q=dan+van&province=${encodeURIComponent("Lào Cai")}`);
  const toFilters = page.locator("a.to-filters");
  check(await toFilters.isVisible(), "no link to the filters at the top of the results");
  check((await toFilters.textContent()).includes("(1)"), `the link does not count the filter: ${await toFilters.textContent()}`);
  const top = await toFilters.evaluate((el) => el.getBoundingClientRect().top);
  check(top < 844, `the filters link is ${top}px down`);
  await toFilters.click();
  await page.waitForFunction(() => document.getElementById("bo-loc").getBoundingClientRect().top < window.innerHeight);
  await page.goto(`${base}/directive/114-KL%2FTW`);
  const lastYear = page.locator("table.matrix thead th").last();
  await lastYear.scrollIntoViewIfNeeded();
  const seen = await page.evaluate(() => {
    const cols = document.querySelectorAll("table.matrix thead th");
    const last = cols[cols.length - 1].getBoundingClientRect();
    const name = document.querySelector("table.matrix th[scope=row]").getBoundingClientRect();
    return { lastRight: last.right, nameLeft: name.left, nameRight: name.right, width: window.innerWidth };
  });
  check(seen.lastRight <= seen.width + 1, `the newest year is off-screen: ${JSON.stringify(seen)}`);
  check(seen.nameLeft >= 0 && seen.nameRight <= seen.width, `province names scrolled away: ${JSON.stringify(seen)}`);
  await page.screenshot({ path: join(out, "directive-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
});

await test("keyboard: the first result is a few Tab presses away", async () => {
  await page.goto(`${base}/search?q=dan+van`);
  const first = await page.locator("#hit-1 h3 a").getAttribute("href");
  let presses = 0;
  for (; presses < 20; ++presses) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement.getAttribute("href"));
    if (focused === "#ket-qua") {
      await page.keyboard.press("Enter");
    }
    if (focused === first) break;
  }
  check(presses < 15, `${presses + 1} Tab presses to the first result`);
});

// Last: it adds documents to the index the other tests count on.
await test("upload page: log in, upload a PDF and a .docx, correct a date, find both, open the originals", async () => {
  await page.goto(`${base}/tai-len`);
  check(new URL(page.url()).pathname === "/dang-nhap", `not sent to the login: ${page.url()}`);
  await axe("login page");
  await page.locator("#token").fill(token);
  await Promise.all([page.waitForURL(/\/tai-len$/), page.locator("form.login button").click()]);
  const cookie = (await context.cookies()).find((c) => c.name === "tracuu_phien");
  check(cookie && cookie.httpOnly && cookie.sameSite === "Strict", `session cookie: ${JSON.stringify(cookie)}`);
  check(!(await page.evaluate(() => document.cookie)).includes("tracuu_phien"), "the page's scripts can read the session");
  // Both files at once through the file picker: one request each, with its progress bar.
  await page.locator("#file").setInputFiles([join(uploads, "ke-hoach-tiem-chung.pdf"), join(uploads, "bao-cao-nuoc-sach.docx")]);
  const items = page.locator("li.upload-item");
  await page.waitForFunction(() => document.querySelectorAll("li.upload-item.done").length === 2, null, { timeout: 60000 });
  check((await items.count()) === 2, "not one row per file");
  for (const bar of await page.locator("li.upload-item progress").all())
    check((await bar.evaluate((p) => p.value)) === 100, "a progress bar did not reach the end");
  const pdf = items.filter({ hasText: "ke-hoach-tiem-chung.pdf" });
  check((await pdf.locator("dd[data-field='Loại văn bản']").textContent()) === "Kế hoạch", "the PDF's type");
  check((await pdf.locator("dd[data-field='Ngày']").textContent()) === "không rõ", "the PDF has no date in its text");
  await page.screenshot({ path: join(out, "upload.png"), fullPage: true });
  await axe("upload page with results");
  // Correct the PDF's date (and its title), sent as PATCH with the page's CSRF token.
  await pdf.locator("input[name=date]").fill("2024-04-02");
  await pdf.locator("input[name=title]").fill("Kế hoạch tiêm chủng vắc xin sởi xã Bản Phiệt");
  await pdf.locator("form.correction button").click();
  await pdf.locator(".saved", { hasText: "Đã lưu" }).waitFor();
  check((await pdf.locator("dd[data-field='Ngày']").textContent()) === "02/04/2024", "the shown date did not change");
  // Both found by search, the PDF by its corrected year; each opens its document page.
  await page.goto(`${base}/search?q=${encodeURIComponent("tiêm chủng vắc xin sởi")}&year=2024`);
  check((await page.locator(".hit h3 a", { hasText: "Kế hoạch tiêm chủng vắc xin sởi xã Bản Phiệt" }).count()) === 1, "the corrected PDF is not found in 2024");
  await page.goto(`${base}/search?q=${encodeURIComponent("cấp nước tự chảy")}`);
  await Promise.all([page.waitForURL(/\/d\//), page.locator(".hit h3 a").first().click()]);
  check((await page.locator(".text").textContent()).includes("ba trăm hộ dân"), "the .docx's text");
  // The originals, byte for byte: the .docx as a download, the PDF inline.
  const docxLink = page.locator("a.original").first();
  const [download] = await Promise.all([page.waitForEvent("download"), docxLink.click()]);
  check(download.suggestedFilename() === "bao-cao-nuoc-sach.docx", `downloaded ${download.suggestedFilename()}`);
  const saved = await download.path();
  check(readFileSync(saved).equals(readFileSync(join(uploads, "bao-cao-nuoc-sach.docx"))), "the .docx is not the original");
  const api = await (await page.request.get(`${base}/api/search?q=${encodeURIComponent("tiêm chủng vắc xin sởi")}`)).json();
  const original = await page.request.get(`${base}/files/${encodeURIComponent(api.hits[0].id)}`);
  check(original.headers()["content-type"] === "application/pdf", "the PDF's type");
  check((await original.body()).equals(readFileSync(join(uploads, "ke-hoach-tiem-chung.pdf"))), "the PDF is not the original");
  // Logging out ends the session: the page asks for the login again.
  await page.goto(`${base}/tai-len`);
  await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.locator(".who button").click()]);
  await page.goto(`${base}/tai-len`);
  check(new URL(page.url()).pathname === "/dang-nhap", "still logged in after logging out");
});

await test("no console errors on any page", async () => {
  check(consoleErrors.length === 0, consoleErrors.join("\n"));
});

await browser.close();
server.kill("SIGTERM");
rmSync(db, { recursive: true, force: true });
rmSync(uploads, { recursive: true, force: true });
console.log(`screenshots: ${out}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
