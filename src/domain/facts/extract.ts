import { DATE_PATTERN, daysBetween, makeDate, parseUsDate } from "../shared/dates.ts";
import type { EvidenceSpan, PlainDate } from "../shared/types.ts";
import { readNumber } from "../requests/parse-request.ts";
import { isHypothetical, isNegated, splitSentences } from "./text.ts";
import type { CaseFacts, Fact, FactDefinition, FactMention, FactSet, RecordText } from "./types.ts";

type SentenceRef = { text: string; start: number; document: string; page: number; date?: PlainDate; lower?: string };

const splitCache = new WeakMap<RecordText[], SentenceRef[]>();

/** The sentences of every page, split once per set of records (a case's items share them). */
function sentencesOf(records: RecordText[]): SentenceRef[] {
  const cached = splitCache.get(records);
  if (cached) return cached;
  const out: SentenceRef[] = [];
  for (const record of records) {
    record.pages.forEach((pageText, index) => {
      for (const s of splitSentences(pageText)) {
        const ref: SentenceRef = { text: s.text, start: s.start, document: record.document, page: index + 1 };
        if (record.date) ref.date = record.date;
        out.push(ref);
      }
    });
  }
  splitCache.set(records, out);
  return out;
}

function span(sentence: SentenceRef, start: number, end: number, whole = true): EvidenceSpan {
  const s = whole ? 0 : start;
  const e = whole ? sentence.text.length : end;
  return { document: sentence.document, page: sentence.page, text: sentence.text.slice(s, e), start: sentence.start + s, end: sentence.start + e };
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let r = compiled.get(source);
  if (!r) {
    r = new RegExp(source, "gi");
    compiled.set(source, r);
  }
  r.lastIndex = 0;
  return r;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern that finds any of the given terms as whole words. */
export function termsPattern(terms: string[]): string | undefined {
  const key = terms.join("\u0000");
  if (termsPatterns.has(key)) return termsPatterns.get(key);
  const clean = terms.filter((t) => t.trim().length > 1);
  const pattern = clean.length === 0 ? undefined : `(?<![A-Za-z])(?:${clean.sort((a, b) => b.length - a.length).map(escapeRegex).join("|")})(?![A-Za-z])`;
  if (termsPatterns.size > 5000) termsPatterns.clear();
  termsPatterns.set(key, pattern);
  return pattern;
}

/** Term lists recur from item to item (the same drug, the same class): their patterns are built once. */
const termsPatterns = new Map<string, string | undefined>();

/** A pattern that finds any of the given spinal levels however written: "L4-5", "L4-L5", "L4/5", "L4 - 5"; "L5-S1", "L5/S1". */
export function levelsPattern(levels: string[]): string | undefined {
  const forms = levels.flatMap((level) => {
    const m = /^([CTLS])(\d{1,2})(?:-([CTLS])?(\d{1,2}))?$/i.exec(level.trim());
    if (!m) return [];
    const [, region, upper, lowerRegion, lower] = m;
    if (!lower) return [`${region}${upper}(?![-/\\d])`];
    return [`${region}${upper}\\s*[-/\u2013]\\s*${lowerRegion ? lowerRegion : `${region}?`}${lower}(?!\\d)`];
  });
  return forms.length > 0 ? `(?<![A-Za-z])(?:${forms.join("|")})` : undefined;
}

const VAGUE_DURATIONS: [RegExp, number][] = [
  [/\b(?:several|many|multiple|a number of|a few|few) years\b/i, 156],
  [/\b(?:years|long[- ]term|chronic(?:ally)?|for a long time|extended period|prolonged)\b/i, 52],
  [/\b(?:several|many|multiple|a number of) months\b/i, 13],
  [/\b(?:a few|few|couple(?: of)?) months\b/i, 8],
  [/\bmonths\b/i, 8],
  [/\b(?:several|many|multiple) weeks\b/i, 4],
];
const UNIT_WEEKS: Record<string, number> = { day: 1 / 7, week: 1, month: 4.35, year: 52 };
/** "since 2011", "since early 2011", "since the middle of 2012": a year, read as its first, middle or late month. */
const SINCE_YEAR =
  /\b(?:since|started(?: in)?|began(?: in)?|beginning in|starting in)\s+(?:at least\s+|as (?:early|far back) as\s+)?(?:(early|the (?:beginning|start) of|mid-?|the middle of|late|the end of)\s*)?((?:19|20)\d{2})\b(?![/-]\d)/i;

/** Reads "for 6 months", "since 6/2013", "started around 9/22/2014", "for several months" as weeks before the sentence's date. */
function durationWeeks(text: string, asOf: PlainDate | undefined): { weeks: number; start: number; end: number; vague?: boolean } | undefined {
  const exact = /\b(?:for|x|over|past|last|since|about|approximately|nearly|almost|more than|at least|over the)\s*(?:the\s+)?(?:past\s+|last\s+)?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)\s*(?:\+\s*)?(day|week|month|year)s?\b/i.exec(text);
  if (exact) {
    const n = readNumber(exact[1]!) ?? (/several|many/i.test(exact[1]!) ? 3 : undefined);
    if (n !== undefined) return { weeks: n * UNIT_WEEKS[exact[2]!.toLowerCase()]!, start: exact.index, end: exact.index + exact[0].length };
  }
  const ago = /\b(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a couple of)\s+(day|week|month|year)s?\s+ago\b/i.exec(text);
  if (ago) {
    const word = ago[1]!.toLowerCase();
    const n = readNumber(word) ?? (/^an?$/.test(word) ? 1 : /several/.test(word) ? 3 : 2);
    return { weeks: n * UNIT_WEEKS[ago[2]!.toLowerCase()]!, start: ago.index, end: ago.index + ago[0].length };
  }
  if (asOf) {
    const since = new RegExp(`\\b(?:since|(?:started|began|initiated)(?: at \\d+(?:\\.\\d+)?\\s*(?:mg|mcg)(?: (?:daily|nightly|at bedtime|twice daily|a day))?)?(?: on| in)?(?: around| about| approximately)?|beginning(?: in)?|starting(?: in)?|as of|from)\\s+(?:around\\s+|about\\s+|approximately\\s+|at least\\s+|as (?:early|far back) as\\s+)?(${DATE_PATTERN})`, "i").exec(text);
    if (since) {
      const from = parseUsDate(since[1]!);
      if (from && from <= asOf) return { weeks: daysBetween(from, asOf) / 7, start: since.index, end: since.index + since[0].length };
    }
    const sinceYear = SINCE_YEAR.exec(text);
    if (sinceYear) {
      const part = (sinceYear[1] ?? "").toLowerCase();
      const month = /early|beginning|start/.test(part) ? 2 : /late|end/.test(part) ? 11 : part ? 7 : 1;
      const from = makeDate(Number(sinceYear[2]), month, 1);
      if (from && from <= asOf) return { weeks: daysBetween(from, asOf) / 7, start: sinceYear.index, end: sinceYear.index + sinceYear[0].length };
    }
  }
  for (const [pattern, weeks] of VAGUE_DURATIONS) {
    const m = pattern.exec(text);
    if (m) return { weeks, start: m.index, end: m.index + m[0].length, vague: true };
  }
  return undefined;
}

const DEFAULT_SKIP = "\\b(?:request(?:ed|s|ing)?|recommend(?:ed|s|ing)?|plan(?:ned)?|will (?:start|begin|continue)|to be (?:scheduled|started)|authoriz(?:e|ation)|prescribe(?:d)? today)\\b";

/**
 * Finds each defined fact in the records, with evidence.
 * @param requestTerms - words that name the requested treatment (for facts scoped to the request)
 * @param classTerms - words that name any treatment of the requested class
 * @param requestLevels - spinal levels named by the request ("L4-5", "L5-S1"), for facts scoped to them
 * @param otherTreatmentTerms - names of other treatments (drugs): a sentence naming one does not carry a scope over
 */
export function extractFacts(
  records: RecordText[],
  definitions: FactDefinition[],
  requestTerms: string[],
  classTerms: string[],
  caseFacts: CaseFacts,
  requestLevels: string[] = [],
  otherTreatmentTerms: string[] = [],
): FactSet {
  const sentences = sentencesOf(records);
  const facts: FactSet = new Map();
  const requestPattern = termsPattern(requestTerms);
  const classPattern = termsPattern([...requestTerms, ...classTerms]);
  const otherPattern = termsPattern(otherTreatmentTerms);
  for (const listed of definitions) {
    const def = withPatternSlots(listed, requestPattern, classPattern);
    const scopePattern =
      def.scope === "request" ? requestPattern : def.scope === "requestClass" ? classPattern : def.scope === "requestLevels" ? levelsPattern(requestLevels) : undefined;
    if (def.scope && def.scope !== "any" && !scopePattern) continue;
    const mentions: FactMention[] = [];
    const skip = def.skipSentences ?? [];
    let previous: { sentence: SentenceRef; inScope: boolean } | undefined;
    for (const sentence of sentences) {
      const inScope = !scopePattern || regex(scopePattern).test(sentence.text);
      const carried = !inScope && def.carryOver === true && previous !== undefined && continuesAbout(previous, sentence, otherPattern);
      previous = { sentence, inScope };
      if (!inScope && !carried) continue;
      if (skip.some((p) => regex(p).test(sentence.text))) continue;
      if (def.kind === "finding") mentions.push(...findingMentions(def, sentence));
      else if (def.kind === "number") mentions.push(...numberMentions(def, sentence));
      else if (def.kind === "elapsed") mentions.push(...elapsedMentions(def, sentence, sentence.date ?? caseFacts.referenceDate));
      else {
        if (regex(DEFAULT_SKIP).test(sentence.text) && !/\b(?:since|for|started|began|been)\b/i.test(sentence.text)) continue;
        const asOf = sentence.date ?? caseFacts.referenceDate;
        const d = durationWeeks(sentence.text, asOf);
        if (d) mentions.push({ value: Math.round(d.weeks * 10) / 10, evidence: span(sentence, d.start, d.end), ...(d.vague ? { vague: true } : {}) });
      }
    }
    // A stated date or number of weeks outweighs "chronic" or "for months" elsewhere in the records.
    const exact = mentions.filter((m) => !m.vague);
    const fact = aggregate(def, exact.length > 0 && exact.length < mentions.length ? exact : mentions);
    if (fact) facts.set(def.id, fact);
  }
  return facts;
}

/** Words naming a treatment of any kind: a sentence using them is about that treatment, not the one before. */
const ANY_TREATMENT = /\b(?:therapy|PT|OT|physical therapy|injections?|blocks?|surgery|TENS|acupuncture|chiropractic|massage|medications?|meds|opioids?|NSAIDs?|analgesics?)\b/i;

/** Words pointing back to the one treatment just named: "the medication", "this drug", "that dose". */
const BACK_REFERENCE = /\b(?:the|this|that|the same|its|current) (?:medication|medicine|drug|dose|dosage)\b/gi;

/**
 * Another treatment named only as what the patient cut down or gave up ("reduced her Norco from three tablets to one",
 * "stopped taking tramadol", "no longer needs his opioids") is an outcome of the treatment under discussion, not a
 * new subject.
 */
const GAVE_UP = /\b(?:reduced|decreased|lowered|cut (?:back|down)(?: on)?|weaned (?:off|down)(?: of)?|tapered (?:off|down)(?: of)?|stopped(?: taking| using)?|discontinued|no longer (?:needs?|takes?|taking|uses?|using|requires?)|(?:is )?off)\s+(?:(?:his|her|their|the)\s+)?(?:use of\s+|dose of\s+)?(?:(?:pain|opioid|narcotic)\s+)?[\w/#-]+(?:\s+(?:use|intake|medications?|dose))?/gi;

/** Whether a sentence goes on about the treatment the one before it named: same page, right after it, no other treatment named. */
function continuesAbout(previous: { sentence: SentenceRef; inScope: boolean }, sentence: SentenceRef, otherPattern: string | undefined): boolean {
  if (!previous.inScope || previous.sentence.document !== sentence.document || previous.sentence.page !== sentence.page) return false;
  const text = sentence.text.replace(BACK_REFERENCE, " ").replace(GAVE_UP, " ");
  if (ANY_TREATMENT.test(text)) return false;
  return !(otherPattern && regex(otherPattern).test(text));
}

/**
 * Fills the slots a pattern may use: {request} (any word naming the requested treatment, so a count can be
 * tied to the treatment it counts: "12 chiropractic visits" beside "24 PT visits"), {class} (a word naming the requested
 * treatment or its class: "therapy" for physical therapy) and {date} (a date, captured as `date`).
 */
const filled = new WeakMap<FactDefinition, Map<string, FactDefinition>>();

function withPatternSlots(def: FactDefinition, requestPattern: string | undefined, classPattern: string | undefined): FactDefinition {
  const lists = [def.positive, def.negative, def.numberPatterns];
  if (!lists.some((list) => list?.some((p) => p.includes("{")))) return def;
  const key = `${requestPattern ?? ""}\u0000${classPattern ?? ""}`;
  const cached = filled.get(def)?.get(key);
  if (cached) return cached;
  const result = fillPatternSlots(def, requestPattern, classPattern);
  if (!filled.has(def)) filled.set(def, new Map());
  const perDef = filled.get(def)!;
  if (perDef.size > 200) perDef.clear();
  perDef.set(key, result);
  return result;
}

function fillPatternSlots(def: FactDefinition, requestPattern: string | undefined, classPattern: string | undefined): FactDefinition {
  const fill = (list: string[] | undefined) =>
    list?.map((p) =>
      p
        .replaceAll("{request}", requestPattern ? `(?:${requestPattern})` : "(?!)")
        .replaceAll("{class}", classPattern ? `(?:${classPattern})` : "(?!)")
        .replaceAll("{date}", `(?<date>${DATE_PATTERN})`),
    );
  const out: FactDefinition = { ...def };
  if (def.positive) out.positive = fill(def.positive)!;
  if (def.negative) out.negative = fill(def.negative)!;
  if (def.numberPatterns) out.numberPatterns = fill(def.numberPatterns)!;
  return out;
}

/** Weeks since an event: from a captured `date` to the date of the record, or a stated interval (`n` `unit`: "6 weeks after surgery"). */
function elapsedMentions(def: FactDefinition, sentence: SentenceRef, asOf: PlainDate | undefined): FactMention[] {
  const out: FactMention[] = [];
  for (const p of def.numberPatterns ?? []) {
    for (const m of sentence.text.matchAll(regex(p))) {
      let weeks: number | undefined;
      const date = m.groups?.date ? parseUsDate(m.groups.date) : undefined;
      if (date && asOf && date <= asOf) weeks = daysBetween(date, asOf) / 7;
      else if (m.groups?.n && m.groups.unit) {
        const n = readNumber(m.groups.n);
        const unit = UNIT_WEEKS[m.groups.unit.toLowerCase().replace(/s$/, "")];
        if (n !== undefined && unit !== undefined) weeks = n * unit;
      }
      if (weeks !== undefined) out.push({ value: Math.round(weeks * 10) / 10, evidence: span(sentence, m.index, m.index + m[0].length) });
    }
  }
  return out;
}

const literalCache = new Map<string, string[] | null>();

/**
 * Words any match of a pattern must contain, lower-cased: for each top-level alternative, the literal run it starts
 * with (at least 3 letters, minus a last letter made optional by a quantifier). Null when an alternative has none,
 * so the pattern is always tried. A sentence holding none of the words cannot match, and the pattern is skipped.
 */
export function requiredLiterals(pattern: string): string[] | null {
  const cached = literalCache.get(pattern);
  if (cached !== undefined) return cached;
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      alternatives.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(pattern.slice(from));
  const literals: string[] = [];
  let result: string[] | null = literals;
  for (const alternative of alternatives) {
    const found = sequenceLiterals(alternative);
    if (!found) {
      result = null;
      break;
    }
    literals.push(...found);
  }
  literalCache.set(pattern, result);
  return result;
}

/** Where the group opening at `open` closes (the index of its ")"), or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/** The length of a quantifier at `at` ("?", "*", "{0,2}", with a lazy "?"), and whether it makes the atom optional. */
function quantifierAt(text: string, at: number): { length: number; optional: boolean } {
  const q = /^(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/.exec(text.slice(at));
  if (!q) return { length: 0, optional: false };
  const optional = q[0][0] === "?" || q[0][0] === "*" || (q[1] !== undefined && Number(q[1]) === 0);
  return { length: q[0].length, optional };
}

/**
 * Literal text every match of one alternative must contain: its longest mandatory literal run (3+ letters), or,
 * failing that, the literals of a mandatory group. Null when nothing is certain.
 */
function sequenceLiterals(alternative: string): string[] | null {
  let best = "";
  let groupLiterals: string[] | null = null;
  let run = "";
  const endRun = () => {
    if (run.replace(/[^a-z]/g, "").length > best.replace(/[^a-z]/g, "").length) best = run;
    run = "";
  };
  let i = 0;
  while (i < alternative.length) {
    const ch = alternative[i]!;
    if (ch === "\\") {
      const escaped = alternative[i + 1] ?? "";
      const zeroWidth = escaped === "b" || escaped === "B";
      const literal = /[^A-Za-z0-9]/.test(escaped) && escaped !== "";
      const q = quantifierAt(alternative, i + 2);
      if (zeroWidth) {
        i += 2;
        continue;
      }
      if (literal && !q.optional && q.length === 0) run += escaped.toLowerCase();
      else endRun();
      i += 2 + q.length;
      continue;
    }
    if (ch === "[") {
      let j = i + 1;
      while (j < alternative.length && alternative[j] !== "]") j += alternative[j] === "\\" ? 2 : 1;
      endRun();
      i = j + 1 + quantifierAt(alternative, j + 1).length;
      continue;
    }
    if (ch === "(") {
      const close = closingParen(alternative, i);
      if (close < 0) return null;
      const head = alternative.slice(i, i + 4);
      const q = quantifierAt(alternative, close + 1);
      endRun();
      if (!/^\(\?(?:=|!|<=|<!)/.test(head) && !q.optional && !groupLiterals) {
        const content = alternative.slice(i, close).replace(/^\((?:\?:|\?<[A-Za-z]\w*>)?/, "");
        groupLiterals = requiredLiterals(content);
      }
      i = close + 1 + q.length;
      continue;
    }
    if (ch === "^" || ch === "$") {
      i++;
      continue;
    }
    if (ch === "." || ch === "|" || ch === ")") {
      endRun();
      i++;
      continue;
    }
    const q = quantifierAt(alternative, i + 1);
    if (q.length > 0 && q.optional) {
      endRun();
      i += 1 + q.length;
      continue;
    }
    if (q.length > 0) {
      // "s+": the letter is there at least once, but what follows it may not be adjacent.
      run += ch.toLowerCase();
      endRun();
      i += 1 + q.length;
      continue;
    }
    run += ch.toLowerCase();
    i++;
  }
  endRun();
  if (best.replace(/[^a-z]/g, "").length >= 3) return [best];
  return groupLiterals;
}

/** Whether a sentence can match a pattern at all (see requiredLiterals). */
function mayMatch(pattern: string, sentence: SentenceRef): boolean {
  const literals = requiredLiterals(pattern);
  if (!literals) return true;
  sentence.lower ??= sentence.text.toLowerCase();
  const lower = sentence.lower;
  return literals.some((l) => lower.includes(l));
}

function findingMentions(def: FactDefinition, sentence: SentenceRef): FactMention[] {
  const out: FactMention[] = [];
  for (const p of def.negative ?? []) {
    if (!mayMatch(p, sentence)) continue;
    const m = regex(p).exec(sentence.text);
    if (m) {
      out.push({ value: false, evidence: span(sentence, m.index, m.index + m[0].length) });
      return out;
    }
  }
  for (const p of def.positive ?? []) {
    if (!mayMatch(p, sentence)) continue;
    const m = regex(p).exec(sentence.text);
    if (!m) continue;
    const negated = isNegated(sentence.text, m.index, m.index + m[0].length);
    if (!negated && !def.keepHypothetical && isHypothetical(sentence.text, m.index)) continue;
    out.push({ value: !negated, evidence: span(sentence, m.index, m.index + m[0].length) });
    break;
  }
  return out;
}

function numberMentions(def: FactDefinition, sentence: SentenceRef): FactMention[] {
  const out: FactMention[] = [];
  for (const p of def.numberPatterns ?? []) {
    if (!mayMatch(p, sentence)) continue;
    const r = regex(p);
    for (const m of sentence.text.matchAll(r)) {
      const raw = m.groups?.n ?? m[1];
      const n = raw === undefined ? undefined : readNumber(raw.replace(/,/g, ""));
      if (n === undefined) continue;
      if (!def.keepHypothetical && isHypothetical(sentence.text, m.index)) continue;
      if (isNegated(sentence.text, m.index, m.index + m[0].length)) continue;
      out.push({ value: n, evidence: span(sentence, m.index, m.index + m[0].length) });
    }
    if (out.length > 0) break;
  }
  return out;
}

function aggregate(def: FactDefinition, mentions: FactMention[]): Fact | undefined {
  if (mentions.length === 0) return undefined;
  const evidence = mentions.map((m) => m.evidence);
  if (def.kind === "finding") {
    const values = new Set(mentions.map((m) => m.value));
    const conflicting = values.size > 1;
    // An explicit statement that something is absent or unchanged outweighs a passing positive mention
    // only when it is the later statement; otherwise the latest mention decides.
    const last = mentions[mentions.length - 1]!;
    const fact: Fact = { id: def.id, value: last.value, evidence, mentions };
    if (conflicting) fact.conflicting = true;
    return fact;
  }
  const numbers = mentions.map((m) => m.value as number);
  let value: number;
  switch (def.aggregate ?? "max") {
    case "min":
      value = Math.min(...numbers);
      break;
    case "latest":
      value = numbers[numbers.length - 1]!;
      break;
    case "sum":
      value = numbers.reduce((a, b) => a + b, 0);
      break;
    default:
      value = Math.max(...numbers);
  }
  const fact: Fact = { id: def.id, value, evidence, mentions };
  // Weeks since an event read from a date and from a stated interval differ a little; only a real gap is a conflict.
  const spread = Math.max(...numbers) - Math.min(...numbers);
  if (spread > 0 && def.aggregate !== "sum" && (def.kind !== "elapsed" || spread > 4)) fact.conflicting = true;
  return fact;
}

const AGE = /\b(\d{2})[- ]year[- ]old\b|\byear (\d{2}) old\b|\baged? (\d{2})\b|\b(\d{2}) ?(?:yo|y\/o)\b/i;
const SEX = /\b(male|female|man|woman|gentleman|lady)\b/i;
const INJURY = new RegExp(`\\b(?:date of injury|DOI|injured(?: \\w+){0,8}? on|injury (?:on|of)|injured in (?:a|an) [^.]{0,60}? on|industrial injury on|work injury on|injured)\\s*(?:of|on|was|:)?\\s*(${DATE_PATTERN})`, "i");
const INJURY_LOOSE = new RegExp(`\\b(?:injur(?:ed|y)|accident|collision|fall|fell)\\b[^.]{0,80}?\\b(?:on|in)\\s+(${DATE_PATTERN})`, "i");
const NOTE_DATE = new RegExp(
  `\\b(?:dated|date of (?:service|exam(?:ination)?|visit)|dos|(?:seen|examined|evaluated|re-?evaluated)(?: again)?(?: on)?|(?:exam(?:ination)?|evaluation|visit|(?:progress |office |clinic |follow[- ]up )?(?:note|report)|PR-?2|consultation)(?: (?:of|on|dated|from))?|on)\\s*:?\\s*(${DATE_PATTERN})`,
  "gi",
);
/** A date written before the visit it names: "at the 3/4/2015 visit", "per the 10/20/2014 pain management note". */
const NOTE_DATE_BEFORE = new RegExp(
  `\\bthe\\s+(${DATE_PATTERN})\\s+(?:[\\w-]+\\s+){0,2}?(?:visit|exam(?:ination)?|evaluation|re-?evaluation|note|report|appointment|follow[- ]?up|consult(?:ation)?|PR-?2)\\b`,
  "gi",
);

/** Reads age, sex, date of injury and the date of the latest report from the case text. */
export function extractCaseFacts(records: RecordText[]): CaseFacts {
  const facts: CaseFacts = {};
  let latest: PlainDate | undefined;
  for (const record of records) {
    if (record.date && (!latest || record.date > latest)) latest = record.date;
    for (const page of record.pages) {
      if (facts.age === undefined) {
        const a = AGE.exec(page);
        if (a) facts.age = Number(a[1] ?? a[2] ?? a[3] ?? a[4]);
      }
      if (!facts.sex) {
        const s = SEX.exec(page);
        if (s) facts.sex = /^(?:male|man|gentleman)$/i.test(s[1]!) ? "male" : "female";
      }
      if (!facts.dateOfInjury) {
        const i = INJURY.exec(page) ?? INJURY_LOOSE.exec(page);
        if (i) {
          const d = parseUsDate(i[1]!);
          if (d) facts.dateOfInjury = d;
        }
      }
      for (const m of [...page.matchAll(NOTE_DATE), ...page.matchAll(NOTE_DATE_BEFORE)]) {
        const d = parseUsDate(m[1]!);
        if (d && (!facts.dateOfInjury || d > facts.dateOfInjury) && (!latest || d > latest)) latest = d;
      }
    }
  }
  if (latest) facts.referenceDate = latest;
  if (facts.dateOfInjury && latest) facts.monthsSinceInjury = Math.floor(daysBetween(facts.dateOfInjury, latest) / 30.44);
  return facts;
}
