import { describe, expect, it } from "vitest";
import { extractCaseFacts, extractFacts, requiredLiterals } from "./extract.ts";
import type { FactDefinition } from "./types.ts";

const page = (text: string) => [{ document: "Case summary", pages: [text] }];

describe("extractCaseFacts: the date of the latest report", () => {
  it.each([
    ["Seen 1/20/2016 for follow-up of the low back.", "2016-01-20"],
    ["At the 3/4/2015 visit she reported less pain.", "2015-03-04"],
    ["Per the progress note of 6/10/2014, pain persists.", "2014-06-10"],
    ["In the 10/20/2014 pain management note he works full time.", "2014-10-20"],
    ["Exam 1/5/2015: positive Tinel at the wrist.", "2015-01-05"],
    ["Re-evaluated 7/7/2015 by the spine surgeon.", "2015-07-07"],
  ])("reads %j as a report dated %s", (text, date) => {
    expect(extractCaseFacts(page(`Date of injury 2/2/2013. ${text}`)).referenceDate).toBe(date);
  });

  it("does not take the date of injury or a bare imaging date for the report date", () => {
    const facts = extractCaseFacts(page("She was injured 5/5/2014 lifting a box. An MRI 6/2014 showed a disc bulge."));
    expect(facts.dateOfInjury).toBe("2014-05-05");
    expect(facts.referenceDate).toBeUndefined();
  });

  it("measures months since the injury against the latest report", () => {
    expect(extractCaseFacts(page("DOI 2/1/2014. Exam 11/3/2014: taut bands in the trapezius.")).monthsSinceInjury).toBe(9);
  });
});

describe("extractFacts: durations", () => {
  const duration: FactDefinition = { id: "symptomWeeks", description: "How long symptoms have lasted.", kind: "duration" };
  const weeks = (text: string) => extractFacts([{ document: "PR-2", date: "2015-03-01", pages: [text] }], [duration], [], [], {}).get("symptomWeeks")?.value;

  it("reads a year, with or without early, mid or late, as the start of the symptoms", () => {
    expect(weeks("Neck pain since early 2013.")).toBeCloseTo(108.6, 0);
    expect(weeks("Neck pain since 2014.")).toBeCloseTo(60.6, 0);
    expect(weeks("Neck pain since late 2014.")).toBeCloseTo(17.1, 0);
  });

  it("reads an interval counted back from the report (2 months ago)", () => {
    expect(weeks("He strained his back 2 months ago.")).toBeCloseTo(8.7, 1);
    expect(weeks("The pain began a year ago.")).toBe(52);
  });
});

describe("requiredLiterals", () => {
  it("never rules out a sentence that a knowledge-base pattern matches", async () => {
    const { readFileSync } = await import("node:fs");
    const { loadKnowledgeBase } = await import("../../adapters/knowledge/load-knowledge-base.ts");
    const { sharedFixture } = await import("../../../test/fixtures/shared.ts");
    const { splitSentences } = await import("./text.ts");
    const kb = loadKnowledgeBase();
    const cases: { caseSummary: string }[] = [
      ...JSON.parse(readFileSync(sharedFixture("dev-cases.json"), "utf8")),
      ...JSON.parse(readFileSync(new URL("../../../test/fixtures/cases/held-out.json", import.meta.url), "utf8")),
    ];
    const sentences = cases.flatMap((c) => splitSentences(c.caseSummary).map((s) => s.text));
    const patterns = kb.facts.flatMap((f) => [...(f.positive ?? []), ...(f.negative ?? []), ...(f.numberPatterns ?? []), ...(f.skipSentences ?? [])]).filter((p) => !p.includes("{"));
    const missed: string[] = [];
    let checked = 0;
    for (const pattern of patterns) {
      const literals = requiredLiterals(pattern);
      if (!literals) continue;
      const re = new RegExp(pattern, "i");
      for (const sentence of sentences) {
        if (!re.test(sentence)) continue;
        checked++;
        if (!literals.some((l) => sentence.toLowerCase().includes(l))) missed.push(`${pattern} ⟂ ${sentence}`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(missed).toEqual([]);
  });

  it("finds the words a match must contain, and gives up where nothing is certain", () => {
    expect(requiredLiterals("\\bflare[- ]?ups?\\b")).toEqual(["flare"]);
    expect(requiredLiterals("(\\d+|one|two) (?:prior )?visits")).toEqual(["visits"]);
    expect(requiredLiterals("\\b(?:decreased|diminished)\\s+(?:sensation)?")).toEqual(["decreased", "diminished"]);
    expect(requiredLiterals("\\bHEP\\b|\\bhome exercise")).toEqual(["hep", "home exercise"]);
    expect(requiredLiterals("\\b\\d+/10\\b")).toBeNull();
    expect(requiredLiterals("(?:pain )?(?:relief)?")).toBeNull();
  });
});
