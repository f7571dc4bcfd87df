import type { NormalizedRequest } from "../requests/types.ts";
import type { PlainDate } from "../shared/types.ts";
import type { GuidelineCitation, GuidelineEntry, KnowledgeBase } from "./types.ts";

type EntryPatterns = { terms: RegExp | null; exclude: RegExp | null; requires: RegExp | null };
const entryPatterns = new WeakMap<GuidelineEntry, EntryPatterns>();

/** One pattern finding any of a list of terms as whole words. */
function anyTermPattern(terms: string[] | undefined): RegExp | null {
  if (!terms || terms.length === 0) return null;
  const alternatives = [...terms].sort((a, b) => b.length - a.length).map((t) => t.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?<![a-z0-9])(?:${alternatives.join("|")})(?![a-z0-9])`, "gi");
}

/** The entry's match patterns, compiled once per entry. */
function patternsOf(entry: GuidelineEntry): EntryPatterns {
  let patterns = entryPatterns.get(entry);
  if (!patterns) {
    patterns = { terms: anyTermPattern(entry.match.terms), exclude: anyTermPattern(entry.match.exclude), requires: anyTermPattern(entry.match.requires) };
    entryPatterns.set(entry, patterns);
  }
  return patterns;
}

function test(pattern: RegExp | null, text: string): boolean {
  if (!pattern) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** The length of the longest term the text names, or 0. */
function longestTerm(pattern: RegExp | null, text: string): number {
  if (!pattern) return 0;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return 0;
  pattern.lastIndex = 0;
  let longest = 0;
  for (const m of text.matchAll(pattern)) longest = Math.max(longest, m[0].length);
  return longest;
}

/** Whether each named request field has one of the allowed values (null: the field is absent). */
function fieldsMatch(fields: Record<string, (string | number | boolean | null)[]>, request: NormalizedRequest): boolean {
  return Object.entries(fields).every(([field, allowed]) => {
    const value = (request as Record<string, unknown>)[field];
    return value === undefined ? allowed.includes(null) : allowed.some((a) => a === value);
  });
}

/** The words an entry's terms are looked for in: the request as written, its drug names and ingredients. */
function matchText(request: NormalizedRequest): string {
  return [request.text, request.name ?? "", request.brand ?? "", ...(request.ingredients?.map((i) => i.name) ?? [])].join(" ").toLowerCase();
}

/** How well an entry fits a request: 0 when it does not apply. */
export function entryScore(entry: GuidelineEntry, request: NormalizedRequest, text: string = matchText(request)): number {
  const patterns = patternsOf(entry);
  if (test(patterns.exclude, text)) return 0;
  if (patterns.requires && !test(patterns.requires, text)) return 0;
  if (entry.match.bodyParts && !entry.match.bodyParts.some((b) => request.bodyParts?.includes(b))) return 0;
  if (entry.match.requestFields && !fieldsMatch(entry.match.requestFields, request)) return 0;
  let score = 0;
  const matched = longestTerm(patterns.terms, text);
  if (matched > 0) score = 10 + matched;
  if (entry.match.drugClasses && request.drugClass && entry.match.drugClasses.includes(request.drugClass)) score = Math.max(score, 8);
  if (score === 0) return 0;
  if (entry.requestKinds.includes(request.kind)) score += 5;
  return score + (entry.match.priority ?? 0);
}

/** The entry that governs a request, or undefined when the knowledge base has none. */
export function selectEntry(kb: KnowledgeBase, request: NormalizedRequest): GuidelineEntry | undefined {
  let best: GuidelineEntry | undefined;
  let bestScore = 0;
  const text = matchText(request);
  for (const entry of kb.entries) {
    const score = entryScore(entry, request, text);
    if (score > bestScore) {
      best = entry;
      bestScore = score;
    }
  }
  return best;
}

function inForce(citation: GuidelineCitation, on: PlainDate): boolean {
  return (!citation.effectiveFrom || citation.effectiveFrom <= on) && (!citation.effectiveTo || on <= citation.effectiveTo);
}

const STEP_ORDER = ["mtus", "acoem-odg", "other-guideline", "peer-reviewed"] as const;

/**
 * The citation to decide on, following the medical evidence search sequence (8 CCR §9792.21.1):
 * the MTUS in force on the request date first; another guideline only where the MTUS is silent.
 * Without a date, the first citation listed (the one IMR letters most often cite) is used.
 */
export function selectCitation(entry: GuidelineEntry, on: PlainDate | undefined): { citation: GuidelineCitation; inForceOnDate: boolean } {
  if (on) {
    for (const step of STEP_ORDER) {
      const found = entry.citations.find((c) => c.searchStep === step && inForce(c, on));
      if (found) return { citation: found, inForceOnDate: true };
    }
  }
  return { citation: entry.citations[0]!, inForceOnDate: !on };
}

/** "MTUS Chronic Pain Treatment Guidelines Page(s): 63-66", as letters print it. */
export function formatCitation(citation: GuidelineCitation): string {
  const source = citation.shortSource ?? citation.source;
  return citation.pages ? `${source} Page(s): ${citation.pages}` : `${source}, ${citation.section}`;
}
