// The HTML letter in a real browser (Debian chromium driven by playwright-core): language, one h1, heading order,
// labelled sections, body-text contrast and accessible names. The checks are written here (no axe package).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinalDeterminationLetter } from "../../src/domain/letter/model.ts";
import { publishedCopy } from "../../src/domain/letter/redaction.ts";
import { renderLetterHtml } from "../../src/domain/letter/render-html.ts";

const CHROMIUM = process.env.OPENIMR_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const required = process.env.OPENIMR_REQUIRE_SERVICES === "1";
if (!hasChromium && !required)
  console.warn(`SKIPPED (browser): no chromium at ${CHROMIUM} (apt-get install -y chromium); the letter accessibility checks did not run.`);

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A letter with both decisions, so every section the renderer can write is present. */
function makeLetter(): FinalDeterminationLetter {
  return {
    organisation: { name: "Example IMR Organisation", addressLines: ["1 Review Way", "Sacramento, CA 95814"], phone: "(916) 555-0100" },
    caseNumber: "IMR-2014-0000ABCD",
    letterDate: "2014-12-10",
    dates: { applicationReceived: "2014-11-03", urDecision: "2014-10-28", assigned: "2014-11-05", recordsComplete: "2014-11-20", determination: "2014-12-10" },
    parties: {
      employee: "Jordan Q. Sample",
      claimNumber: "CLM-778899",
      dateOfInjury: "2001-07-03",
      employer: "Sample Van Lines",
      claimsAdministrator: "Sample Claims",
      requestingPhysician: "Dr. Casey Treater",
    },
    qualifications:
      "Example IMR Organisation assigned the whole case file to an expert reviewer, who is board certified in Internal Medicine and licensed to practice in California.",
    documentsReviewed: [{ type: "PR-2", authorRole: "primary treating physician", date: "2014-10-22", pages: 3 }],
    caseSummary: "This is a case of a 51 year old male with a date of injury of 7/3/2001 and chronic neck pain.",
    items: [
      {
        request: "Zanaflex 4mg #60 with 3 refills",
        decision: "Upheld",
        claimsAdministratorGuideline: "MTUS Chronic Pain Treatment Guidelines",
        imroGuideline: { source: "MTUS Chronic Pain Treatment Guidelines", pages: "63-66" },
        rationale: "No flare-up is documented. Therefore, the request is not medically necessary.",
      },
      {
        request: "MRI left knee",
        decision: "Overturned",
        claimsAdministratorGuideline: null,
        imroGuideline: { source: "MTUS ACOEM Practice Guidelines", pages: "341-343" },
        rationale: "Mechanical symptoms persist after therapy. Therefore, the request is medically necessary.",
      },
    ],
  };
}

type Finding = { check: string; detail: string };

const CHECKS_SCRIPT = fileURLToPath(new URL("./accessibility-checks.browser.js", import.meta.url));

/** Runs the accessibility checks in the page and returns what fails (an empty list when the page passes). */
async function accessibilityFindings(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: CHECKS_SCRIPT });
  return page.evaluate("window.openimrAccessibilityFindings()") as Promise<Finding[]>;
}

describe("the letter's HTML in a real browser", () => {
  it.runIf(!hasChromium && required)("needs chromium under OPENIMR_REQUIRE_SERVICES=1", () => {
    throw new Error(`chromium is missing at ${CHROMIUM} and OPENIMR_REQUIRE_SERVICES=1 requires it.`);
  });

  describe.runIf(hasChromium)("accessibility checks", () => {
    let browser: Browser;
    let page: Page;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
      page = await browser.newPage();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it("passes every check for the parties' copy", async () => {
      await page.setContent(renderLetterHtml(makeLetter()));
      expect(await accessibilityFindings(page)).toEqual([]);
      expect(await page.locator("section").count()).toBeGreaterThanOrEqual(7);
    });

    it("passes every check for the published copy", async () => {
      const copy = publishedCopy(makeLetter(), [{ kind: "name", value: "Jordan Q. Sample" }], "P-2014-000001");
      await page.setContent(renderLetterHtml(copy, { published: true }));
      expect(await accessibilityFindings(page)).toEqual([]);
    });

    it("finds each kind of problem in a page that has them", async () => {
      await page.setContent(`<!doctype html><html><head><title></title></head><body>
        <h2>No h1 first</h2><h4>Skipped a level</h4>
        <section><p style="color:#bbb;background:#fff">Pale text</p></section>
        <a href="/x"></a><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>
      </body></html>`);
      const checks = new Set((await accessibilityFindings(page)).map((f) => f.check));
      expect([...checks].sort()).toEqual(["accessible-name", "contrast", "heading-order", "landmarks", "lang", "one-h1", "section-label", "title"]);
    });
  });
});
