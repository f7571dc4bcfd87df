import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { FactDefinition } from "../../domain/facts/types.ts";
import type { GuidelineEntry, KnowledgeBase } from "../../domain/guidelines/types.ts";
import type { SpecialtyTable } from "../../domain/reviewers/specialty-matching.ts";
import { AppError } from "../../services/errors.ts";
import { DrugTermSchema, EntrySchema, FactDefinitionSchema, ManifestSchema } from "./schema.ts";

/** The knowledge base shipped with OpenIMR (the repository's knowledge/ folder). */
export const DEFAULT_KNOWLEDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../knowledge");

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError("KNOWLEDGE_INVALID", `${file}: ${(error as Error).message}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new AppError("KNOWLEDGE_INVALID", `${file}: ${detail}`);
  }
  return result.data;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and validates the knowledge base: manifest, guideline entries, fact definitions and drug vocabulary.
 * Every file is checked against its schema, ids must be unique, and every fact a criterion uses must be defined.
 */
export function loadKnowledgeBase(dir: string = DEFAULT_KNOWLEDGE_DIR): KnowledgeBase {
  const manifest = parseWith(ManifestSchema, readJson(join(dir, "manifest.json")), "manifest.json");
  const entries: GuidelineEntry[] = jsonFiles(join(dir, "entries")).map((f) => parseWith(EntrySchema, readJson(f), f));
  const facts: FactDefinition[] = jsonFiles(join(dir, "facts")).flatMap((f) => parseWith(z.array(FactDefinitionSchema), readJson(f), f));
  const drugFile = join(dir, "vocabulary", "drugs.json");
  const drugs = parseWith(z.object({ version: z.string(), note: z.string().optional(), drugs: z.array(DrugTermSchema) }), readJson(drugFile), drugFile);
  const kb: KnowledgeBase = { version: manifest.version, entries, facts, drugs: { drugs: drugs.drugs } };
  const problems = checkKnowledgeBase(kb);
  if (problems.length > 0) throw new AppError("KNOWLEDGE_INVALID", problems.join("; "));
  return kb;
}

/** Cross-file checks: unique ids, every referenced fact defined, every fact compiled as a regular expression. */
export function checkKnowledgeBase(kb: KnowledgeBase): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of kb.entries) {
    if (seen.has(entry.id)) problems.push(`duplicate entry id ${entry.id}`);
    seen.add(entry.id);
  }
  const factIds = new Set<string>();
  for (const fact of kb.facts) {
    if (factIds.has(fact.id)) problems.push(`duplicate fact id ${fact.id}`);
    factIds.add(fact.id);
    for (const p of [...(fact.positive ?? []), ...(fact.negative ?? []), ...(fact.numberPatterns ?? []), ...(fact.skipSentences ?? [])]) {
      try {
        new RegExp(p, "gi");
      } catch {
        problems.push(`fact ${fact.id}: invalid pattern ${p}`);
      }
    }
  }
  const criterionIds = new Set<string>();
  for (const entry of kb.entries) {
    for (const criterion of entry.criteria) {
      if (criterionIds.has(criterion.id)) problems.push(`duplicate criterion id ${criterion.id}`);
      criterionIds.add(criterion.id);
      if (!criterion.id.startsWith(`${entry.id}.`)) problems.push(`criterion ${criterion.id} must start with "${entry.id}."`);
      const refs = JSON.stringify([criterion.check, criterion.appliesWhen ?? null]).matchAll(/"fact":"([^"]+)"/g);
      for (const ref of refs) if (!factIds.has(ref[1]!)) problems.push(`criterion ${criterion.id} uses undefined fact ${ref[1]}`);
    }
  }
  return problems;
}

const SpecialtyTableSchema = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    mappings: z.array(
      z.object({ families: z.array(z.string()).min(1), bodyParts: z.array(z.string()).optional(), specialties: z.array(z.string()).min(1), rationale: z.string().min(1) }).strict(),
    ),
    byKind: z.record(z.string(), z.array(z.string())),
    fallback: z.array(z.string()).min(1),
  })
  .strict() satisfies z.ZodType<SpecialtyTable & { note?: string }>;

/** Reads the table of specialties that evaluate or treat each treatment family. */
export function loadSpecialtyTable(dir: string = DEFAULT_KNOWLEDGE_DIR): SpecialtyTable {
  const file = join(dir, "reviewer-specialties.json");
  return parseWith(SpecialtyTableSchema, readJson(file), file);
}
