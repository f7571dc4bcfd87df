import { z } from "zod";
import type { FactDefinition } from "../../domain/facts/types.ts";
import type { Check, Criterion, GuidelineCitation, GuidelineEntry } from "../../domain/guidelines/types.ts";
import type { DrugTerm, NormalizedRequest } from "../../domain/requests/types.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");
const verification = z.enum(["confirmed", "partially-confirmed", "unconfirmed", "n/a"]);
const comparison = z.enum(["<", "<=", ">", ">=", "==", "!="]);
const requestField = z.string().min(1) as unknown as z.ZodType<keyof NormalizedRequest>;

const operand = z.union([
  z.object({ fact: z.string(), scale: z.number().optional() }).strict(),
  z.object({ request: requestField }).strict(),
  z.object({ case: z.enum(["age", "monthsSinceInjury"]) }).strict(),
  z.object({ value: z.number() }).strict(),
]);

export const CheckSchema: z.ZodType<Check> = z.lazy(() =>
  z.union([
    z.object({ fact: z.string(), is: z.boolean() }).strict(),
    z.object({ fact: z.string(), op: comparison, value: z.number() }).strict(),
    z.object({ fact: z.string(), documented: z.boolean() }).strict(),
    z.object({ requestMentions: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ request: requestField, op: comparison, value: z.union([z.number(), z.string(), z.boolean()]) }).strict(),
    z.object({ request: requestField, exists: z.boolean() }).strict(),
    z.object({ request: requestField, includes: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ case: z.enum(["age", "monthsSinceInjury"]), op: comparison, value: z.number() }).strict(),
    z.object({ sum: z.array(operand).min(1), op: comparison, value: z.number() }).strict(),
    z.object({ all: z.array(CheckSchema).min(1) }).strict(),
    z.object({ any: z.array(CheckSchema).min(1) }).strict(),
    z.object({ anyDocumented: z.array(CheckSchema).min(1) }).strict(),
    z.object({ first: z.array(CheckSchema).min(1) }).strict(),
    z.object({ not: CheckSchema }).strict(),
  ]),
) as z.ZodType<Check>;

export const CriterionSchema = z
  .object({
    id: z.string().min(1),
    text: z.string().min(1),
    polarity: z.enum(["required", "against", "supports"]),
    verification,
    check: CheckSchema,
    appliesWhen: CheckSchema.optional(),
    appliesWhenUnknown: z.enum(["apply", "skip"]).optional(),
    explain: z.object({ met: z.string().min(1), notMet: z.string().min(1), notDocumented: z.string().min(1) }).strict(),
    sources: z.array(z.string()).optional(),
    note: z.string().optional(),
  })
  .strict() satisfies z.ZodType<Criterion>;

export const CitationSchema = z
  .object({
    source: z.string().min(1),
    shortSource: z.string().optional(),
    section: z.string().min(1),
    pages: z.string().optional(),
    pagesVerification: verification,
    searchStep: z.enum(["mtus", "acoem-odg", "other-guideline", "peer-reviewed"]),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
    version: z.string().optional(),
    searchNote: z.string().optional(),
  })
  .strict() satisfies z.ZodType<GuidelineCitation>;

export const EntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "entry ids are kebab-case"),
    treatmentFamily: z.string().min(1),
    name: z.string().min(1),
    requestKinds: z.array(z.enum(["drug", "therapy", "procedure", "surgery", "imaging", "test", "dme", "program", "service", "visit", "other"])).min(1),
    match: z
      .object({
        terms: z.array(z.string().min(1)),
        drugClasses: z.array(z.string()).optional(),
        exclude: z.array(z.string()).optional(),
        requires: z.array(z.string().min(1)).optional(),
        bodyParts: z.array(z.string()).optional(),
        requestFields: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).min(1)).optional(),
        priority: z.number().optional(),
      })
      .strict(),
    classTerms: z.array(z.string()).optional(),
    citations: z.array(CitationSchema).min(1),
    summary: z.string().min(1),
    criteria: z.array(CriterionSchema).min(1),
    limits: z.record(z.string(), z.unknown()).optional(),
  })
  .strict() satisfies z.ZodType<GuidelineEntry>;

export const FactDefinitionSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().min(1),
    kind: z.enum(["finding", "number", "duration", "elapsed"]),
    positive: z.array(z.string()).optional(),
    negative: z.array(z.string()).optional(),
    numberPatterns: z.array(z.string()).optional(),
    aggregate: z.enum(["max", "min", "latest", "sum"]).optional(),
    scope: z.enum(["any", "request", "requestClass", "requestLevels"]).optional(),
    carryOver: z.boolean().optional(),
    skipSentences: z.array(z.string()).optional(),
    keepHypothetical: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<FactDefinition>;

export const DrugTermSchema = z
  .object({
    generic: z.string().min(1),
    brands: z.array(z.string()),
    aliases: z.array(z.string()).optional(),
    drugClass: z.string().min(1),
    usualDosesPerDay: z.number().positive().optional(),
    mmeFactor: z.number().positive().optional(),
    topical: z.boolean().optional(),
    extendedRelease: z.object({ dosesPerDay: z.number().positive(), brands: z.array(z.string()).optional() }).strict().optional(),
  })
  .strict() satisfies z.ZodType<DrugTerm>;

export const ManifestSchema = z.object({ version: z.string().min(1), description: z.string(), basedOn: z.string().optional() }).strict();
