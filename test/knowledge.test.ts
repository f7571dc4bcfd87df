import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeBase } from "../src/adapters/knowledge/load-knowledge-base.ts";
import { selectEntry } from "../src/domain/guidelines/select-entry.ts";
import { parseRequest } from "../src/domain/requests/parse-request.ts";

const kb = loadKnowledgeBase();

describe("the knowledge base", () => {
  it("loads, with a version printed in every draft", () => {
    expect(kb.version).toMatch(/\S/);
    expect(kb.entries.length).toBeGreaterThan(0);
  });

  it.each(kb.entries.map((e) => [e.id, e] as const))("entry %s cites its source, section and verification level", (_id, entry) => {
    expect(entry.citations.length).toBeGreaterThan(0);
    for (const c of entry.citations) {
      expect(c.source).toMatch(/\S/);
      expect(c.section).toMatch(/\S/);
      expect(["confirmed", "partially-confirmed", "unconfirmed", "n/a"]).toContain(c.pagesVerification);
      if (c.searchStep !== "mtus") expect(c.searchNote ?? "", `${entry.id}: a non-MTUS citation says why the MTUS was not used`).toMatch(/\S/);
    }
    expect(entry.summary.length).toBeGreaterThan(40);
    for (const criterion of entry.criteria) {
      expect(criterion.explain.met).toMatch(/\S/);
      expect(criterion.explain.notMet).toMatch(/\S/);
      expect(criterion.explain.notDocumented).toMatch(/\S/);
    }
  });

  it.each(kb.entries.map((e) => [e.id, e] as const))("entry %s is chosen for a request that names it", (_id, entry) => {
    const reachable = entry.match.terms.some((term) => {
      const text = [term, entry.match.bodyParts?.[0] ?? ""].join(" ").trim();
      return selectEntry(kb, parseRequest(text, kb.drugs))?.id === entry.id;
    });
    const byClass = (entry.match.drugClasses ?? []).some((cls) => {
      const drug = kb.drugs.drugs.find((d) => d.drugClass === cls);
      return drug ? selectEntry(kb, parseRequest(`${drug.generic} #30`, kb.drugs))?.id === entry.id : false;
    });
    expect(reachable || byClass, `no request naming ${entry.id}'s terms selects it`).toBe(true);
  });

  it("refuses a knowledge base whose criterion uses an undefined fact, naming the criterion", () => {
    const dir = mkdtempSync(join(tmpdir(), "openimr-kb-"));
    try {
      cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
      const file = join(dir, "entries", "muscle-relaxants.json");
      const entry = JSON.parse(readFileSync(file, "utf8"));
      entry.criteria[0].check = { fact: "noSuchFact", is: true };
      writeFileSync(file, JSON.stringify(entry));
      expect(() => loadKnowledgeBase(dir)).toThrow(/muscle-relaxants\.acute-exacerbation uses undefined fact noSuchFact/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an entry that breaks its schema, naming the file and the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "openimr-kb-"));
    try {
      cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
      const file = join(dir, "entries", "muscle-relaxants.json");
      const entry = JSON.parse(readFileSync(file, "utf8"));
      entry.criteria[0].polarity = "mandatory";
      writeFileSync(file, JSON.stringify(entry));
      expect(() => loadKnowledgeBase(dir)).toThrow(/muscle-relaxants\.json: criteria\.0\.polarity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
