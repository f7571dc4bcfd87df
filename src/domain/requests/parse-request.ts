import type { DrugTerm, DrugVocabulary, Laterality, NormalizedRequest, RequestKind } from "./types.ts";

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20, "twenty-four": 24, thirty: 30,
  once: 1, twice: 2, thrice: 3, single: 1,
};

/** Ordinals as records count visits ("after the sixth visit", "at her 8th session"). */
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, fifteenth: 15, sixteenth: 16, eighteenth: 18, twentieth: 20, "twenty-fourth": 24,
};

/** Reads "6", "six", "twice", "6th" or "sixth" as a number. */
export function readNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  if (/^\d+(?:st|nd|rd|th)$/.test(w)) return Number.parseInt(w, 10);
  return WORD_NUMBERS[w] ?? ORDINALS[w];
}

const NUM = "(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|sixteen|eighteen|twenty|thirty|once|twice)";

/** Body parts as written, mapped to the canonical names used by the knowledge base. */
const BODY_PARTS: [RegExp, string][] = [
  [/\b(?:cervical(?: spine)?|c-spine|neck|c[1-7]-?[1-7]?\b)/i, "cervical spine"],
  [/\b(?:thoracic(?: spine)?|t-spine|mid[- ]back|upper back)\b/i, "thoracic spine"],
  [/\b(?:lumbar|lumbosacral|l-spine|low(?:er)? back|l[1-5]-(?:l?[1-5]|s1)\b|l5-s1|\blso\b|\bback (?:brace|support)s?\b)/i, "lumbar spine"],
  [/\bshoulders?\b|\brotator cuff\b|\bsubacromial\b|\bacromi\w*|\bglenohumeral\b/i, "shoulder"],
  [/\bknees?\b|\bmenisc\w*/i, "knee"],
  [/\bhips?\b/i, "hip"],
  [/\belbows?\b/i, "elbow"],
  [/\b(?:wrists?|carpal)\b/i, "wrist"],
  [/\bhands?\b|\bfingers?\b|\bthumbs?\b/i, "hand"],
  [/\bankles?\b/i, "ankle"],
  [/\bfeet\b|\bfoot\b/i, "foot"],
  [/\bupper extremit(?:y|ies)\b|\barms?\b/i, "upper extremity"],
  [/\blower extremit(?:y|ies)\b|\blegs?\b/i, "lower extremity"],
  [/\bsacroiliac\b|\bsi joints?\b/i, "sacroiliac joint"],
  [/\bhead\b|\bbrain\b/i, "head"],
  [/\bchest\b/i, "chest"],
  [/\babdomen\b|\babdominal\b/i, "abdomen"],
];

export function findBodyParts(text: string): string[] {
  const found: string[] = [];
  for (const [pattern, name] of BODY_PARTS) if (pattern.test(text) && !found.includes(name)) found.push(name);
  return found;
}

export function findLaterality(text: string): Laterality | undefined {
  if (/\b(?:bilateral|bilat|both)\b|\bb\/l\b/i.test(text)) return "bilateral";
  const left = /\b(?:left|lt)\b/i.test(text);
  const right = /\b(?:right|rt)\b/i.test(text);
  if (left && right) return "bilateral";
  if (left) return "left";
  if (right) return "right";
  return undefined;
}

/** Spinal levels such as "L4-5", "L5-S1", "C5-C6", "L4" in the order written. */
export function findLevels(text: string): string[] {
  const levels: string[] = [];
  const pattern = /\b([CTLS])(\d{1,2})(?:\s*[-/]\s*([CTLS])?(\d{1,2}))?\b/gi;
  for (const m of text.matchAll(pattern)) {
    const region = m[1]!.toUpperCase();
    const second = (m[3] ?? region).toUpperCase();
    // Written the usual way: "L4-5" within a region, "L5-S1" across regions.
    const level = m[4] ? (second === region ? `${region}${m[2]}-${m[4]}` : `${region}${m[2]}-${second}${m[4]}`) : `${region}${m[2]}`;
    if (!levels.includes(level)) levels.push(level);
  }
  return levels;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

type DrugHit = { term: DrugTerm; start: number; end: number; asBrand?: string; sameSubstanceAt?: [number, number][] };

type CompiledVocabulary = { pattern: RegExp; byName: Map<string, { term: DrugTerm; brand?: string }> };
const compiledVocabularies = new WeakMap<DrugVocabulary, CompiledVocabulary>();

/** One alternation of every drug name, longest first, built once per vocabulary. */
function compileVocabulary(vocabulary: DrugVocabulary): CompiledVocabulary {
  const cached = compiledVocabularies.get(vocabulary);
  if (cached) return cached;
  const byName = new Map<string, { term: DrugTerm; brand?: string }>();
  for (const term of vocabulary.drugs) {
    const add = (name: string, brand?: string) => {
      const key = name.toLowerCase();
      if (!byName.has(key)) byName.set(key, brand ? { term, brand } : { term });
    };
    add(term.generic);
    for (const brand of term.brands) add(brand, brand);
    for (const alias of term.aliases ?? []) add(alias);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegex);
  const compiled = { pattern: new RegExp(`(?<![A-Za-z])(?:${names.join("|")})(?![A-Za-z])`, "gi"), byName };
  compiledVocabularies.set(vocabulary, compiled);
  return compiled;
}

/** Finds vocabulary drugs in a text, longest names first, without overlaps. */
export function findDrugs(text: string, vocabulary: DrugVocabulary): DrugHit[] {
  const { pattern, byName } = compileVocabulary(vocabulary);
  const hits: DrugHit[] = [];
  for (const m of text.matchAll(pattern)) {
    const found = byName.get(m[0].toLowerCase());
    if (!found) continue;
    const hit: DrugHit = { term: found.term, start: m.index, end: m.index + m[0].length };
    if (found.brand) hit.asBrand = found.brand;
    hits.push(hit);
  }
  hits.sort((a, b) => a.start - b.start);
  // "Voltaren (diclofenac sodium) gel" names one substance twice: keep one hit per substance,
  // preferring the topical form when the request is for a topical product.
  const topical = /cream|gel|ointment|lotion|patch|spray|topical/i.test(text);
  const substance = (h: DrugHit) => h.term.generic.split(/[\s/]/)[0]!.toLowerCase();
  const kept: DrugHit[] = [];
  for (const hit of hits) {
    const same = kept.findIndex((k) => substance(k) === substance(hit));
    if (same < 0) {
      kept.push(hit);
      continue;
    }
    const first = kept[same]!;
    const spans: [number, number][] = [...(first.sameSubstanceAt ?? []), [first.start, first.end], [hit.start, hit.end]];
    const chosen = topical && hit.term.topical && !first.term.topical ? hit : first;
    kept[same] = { ...chosen, start: first.start, end: first.end, sameSubstanceAt: spans };
  }
  return kept;
}

/** Doses a day written in a sig: "1 tab TID", "twice daily", "q8h", "every 6 hours as needed". */
export function parseDosesPerDay(sig: string): number | undefined {
  const s = sig.toLowerCase();
  const abbreviations: [RegExp, number][] = [
    [/\bqid\b|\bfour times (?:a|per) day\b|\b4 times (?:a|per) day\b/, 4],
    [/\btid\b|\bthree times (?:a|per) day\b|\b3 times (?:a|per) day\b/, 3],
    [/\bbid\b|\btwice (?:a |per )?day\b|\btwice daily\b|\b2 times (?:a|per) day\b/, 2],
    [/\bqhs\b|\bat bedtime\b|\bhs\b|\bonce (?:a |per )?day\b|\bonce daily\b|\bdaily\b|\bqd\b|\bq ?day\b/, 1],
  ];
  let perDose = 1;
  const count = /\b(\d+|one|two|three)\s*(?:tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?)\b/.exec(s);
  if (count) perDose = readNumber(count[1]!) ?? 1;
  const hours = /\bq\s*(\d{1,2})\s*(?:-\s*\d{1,2}\s*)?h(?:ours?|rs?)?\b|\bevery\s+(\d{1,2})(?:\s*(?:-|to)\s*\d{1,2})?\s*hours?\b/.exec(s);
  if (hours) {
    const h = Number(hours[1] ?? hours[2]);
    if (h > 0 && h <= 24) return (24 / h) * perDose;
  }
  for (const [pattern, doses] of abbreviations) if (pattern.test(s)) return doses * perDose;
  return undefined;
}

/** Words marking an extended-release form: "Tramadol ER", "Effexor XR", "Ambien CR", "extended-release". */
const EXTENDED_RELEASE = /\b(?:ER|XR|XL|SR|CR|extended[- ]release|sustained[- ]release|controlled[- ]release|long[- ]acting)\b/i;

/** Doses a day at usual dosing when no sig is written: the extended-release dosing for an extended-release form or brand. */
function usualDosesPerDay(term: DrugTerm, text: string, brand: string | undefined): number | undefined {
  const er = term.extendedRelease;
  if (!er) return term.usualDosesPerDay;
  const erBrand = brand !== undefined && (er.brands ?? []).some((b) => b.toLowerCase() === brand.toLowerCase());
  return erBrand || EXTENDED_RELEASE.test(text) ? er.dosesPerDay : term.usualDosesPerDay;
}

/**
 * Oral morphine equivalents a day: the strength's first number (the opioid part of "10/325") × doses a day × the
 * vocabulary's factor; a strength written per hour ("25mcg/hr", a patch worn around the clock) × the factor alone.
 */
export function morphineEquivalentPerDay(strength: string | undefined, dosesPerDay: number | undefined, factor: number | undefined): number | undefined {
  if (!strength || !factor) return undefined;
  const amount = /^(\d+(?:\.\d+)?)/.exec(strength);
  if (!amount) return undefined;
  const n = Number(amount[1]);
  if (/\/\s*h(?:r|our)?$/i.test(strength)) return Math.round(n * factor * 10) / 10;
  if (!/^\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)?mg$|^\d+(?:\.\d+)?\/\d+(?:\.\d+)?$/i.test(strength) || !dosesPerDay) return undefined;
  return Math.round(n * dosesPerDay * factor * 10) / 10;
}

function classifyNonDrug(text: string): { kind: RequestKind; name?: string } {
  const t = text.toLowerCase();
  const rules: [RegExp, RequestKind, string][] = [
    [/\b(?:urine|urinary)\b.*\b(?:drug|tox|screen)|\budt\b|\buds\b|\bdrug (?:screen|test)/, "test", "urine drug test"],
    [/\bemg\b|\bncv\b|\bncs\b|electromyogra|nerve conduction|electrodiagnos/, "test", "electrodiagnostic study"],
    [/functional capacity evaluation|\bfce\b/, "test", "functional capacity evaluation"],
    [/\bmri\b|\bmra\b|\bmr arthrogra|magnetic resonance/, "imaging", "mri"],
    [/\bct\b(?![- ]guided)|\bcat scan\b|computed tomography/, "imaging", "ct"],
    [/x-?rays?\b|radiograph/, "imaging", "x-ray"],
    [/bone scan|ultrasound|\bsonogra/, "imaging", "other imaging"],
    [/functional restoration|\bfrp\b|chronic pain program|\bhelp program\b/, "program", "functional restoration program"],
    [/work (?:hardening|conditioning)/, "program", "work hardening"],
    [/weight loss|weight management|lindora|weight watchers|nutrisystem/, "program", "weight loss program"],
    [/gym|pool membership|health club|ymca/, "program", "gym membership"],
    [/home health|home care|homemaker|housekeep|home aide|health aide|\bhha\b|skilled nursing visit|caregiver|attendant care|chore/, "service", "home health"],
    [/transportation|\bmileage\b|\btaxi\b|\buber\b/, "service", "transportation"],
    [/(?:home|vehicle|van|car|house) modification|wheelchair ramp|grab bars?/, "service", "home or vehicle modification"],
    [/gardening|yard work|lawn/, "service", "gardening"],
    [/acupunct|electroacupunct/, "therapy", "acupuncture"],
    [/chiropract|manipulation|\bcmt\b|\bosteopathic\b/, "therapy", "chiropractic"],
    [/aquatic|aqua therapy|pool therapy|water therapy/, "therapy", "aquatic therapy"],
    [/massage/, "therapy", "massage therapy"],
    [/psychotherap|cognitive behavio|\bcbt\b|counsel+ing|psycholog(?:ical|ist) (?:treatment|therapy|sessions?|visits?)|behavioral (?:therapy|medicine)|biofeedback/, "therapy", "psychotherapy"],
    [/physical therapy|\bpt\b|physiotherapy|occupational therapy|\bot\b|therapeutic exercise|hand therapy|physical medicine/, "therapy", "physical therapy"],
    [/\btens\b|\bh-?\s?wave|interferential|inferential|\bifc?\b unit|\bnmes\b|\bmens\b|microcurrent|muscle stimulator|electrical stimulat/, "dme", "electrical stimulation unit"],
    [/spinal cord stimulat|\bscs\b|dorsal column/, "procedure", "spinal cord stimulator"],
    [/epidural|\besi\b|\btfesi\b|transforaminal|interlaminar|caudal/, "procedure", "epidural steroid injection"],
    [/radiofrequency|\brfa\b|rhizotomy|neurotomy|ablation/, "procedure", "radiofrequency ablation"],
    [/facet|medial branch|\bmbb\b/, "procedure", "facet injection"],
    [/trigger point/, "procedure", "trigger point injection"],
    [/sacroiliac|\bsi joint/, "procedure", "sacroiliac joint injection"],
    [/hyaluron|synvisc|euflexxa|orthovisc|supartz|gel-?one|viscosupplement|monovisc/, "procedure", "viscosupplementation"],
    [/platelet[- ]rich|\bprp\b/, "procedure", "platelet-rich plasma injection"],
    [/stellate|lumbar sympathetic|sympathetic block/, "procedure", "sympathetic block"],
    [/cortisone|steroid injection|corticosteroid injection|joint injection|subacromial injection|intra-?articular/, "procedure", "joint injection"],
    [/cold therapy|cryotherapy|ice unit|game ready|polar care|hot\/cold|heat unit|thermal/, "dme", "hot/cold therapy unit"],
    [/brace|orthosis|orthotic|splint|lumbar support|\blso\b|collar|sling|insoles?|shoe/, "dme", "brace or orthotic"],
    // Consultations, and repair or replacement of equipment, before the surgery words ("spine surgery consultation", "wheelchair repair").
    [/\bconsult(?:ation)?s?\b|\breferral\b|\brefer(?:red)? to\b|\bsecond opinion\b|\b(?:specialist|specialty|pain management|pain medicine|orthop(?:a)?edic|neurolog\w*|neurosurg\w*|psychiatr\w*|rheumatolog\w*|surgeon|surgical|spine|physiatr\w*|podiatr\w*|internal medicine|internist|cardiolog\w*|urolog\w*|gastroenterolog\w*) (?:evaluation|eval|assessment)\b/, "visit", "specialist consultation"],
    [/\b(?:repair|replace(?:ment)?)\b.*\b(?:wheelchair|walker|cane|crutch(?:es)?|scooter|commode|hospital bed|prosthe(?:sis|tic))|\b(?:wheelchair|walker|cane|crutch(?:es)?|scooter|commode|hospital bed|prosthe(?:sis|tic))\b.*\b(?:repair|replace(?:ment)?)\b/, "dme", "durable medical equipment"],
    [/fusion|arthrodesis|laminectomy|discectomy|microdiscectomy|decompression|foraminotomy|laminotomy|disc replacement|arthroplasty|replacement|arthroscop|meniscectomy|menisc|rotator cuff repair|acromioplasty|carpal tunnel release|trigger finger release|release|repair|reconstruction|surgery|surgical|-?ectomy\b|-?otomy\b|-?plasty\b/, "surgery", "surgery"],
    [/post-?op(?:erative)?|post-?surgical/, "therapy", "physical therapy"],
    [/wheelchair|walker|cane|crutch|scooter|commode|shower chair|hospital bed|mattress|pillow|chair|desk|keyboard|ergonomic|traction|inversion table|exercise equipment|bike|treadmill|\bdme\b|durable medical/, "dme", "durable medical equipment"],
    [/consult|referral|evaluation|follow[- ]?up|office visit|re-?evaluat|visit/, "visit", "office visit or consultation"],
  ];
  for (const [pattern, kind, name] of rules) if (pattern.test(t)) return { kind, name };
  return { kind: "other" };
}

/** Frequency × duration for therapies and services: "2x6", "2 times a week for 3 weeks", "12 visits", "x 30 days". */
function readSchedule(text: string, request: NormalizedRequest, consumed: [number, number][]): void {
  const t = text.toLowerCase();
  const mark = (m: RegExpExecArray) => consumed.push([m.index, m.index + m[0].length]);
  let m = new RegExp(`\\b${NUM}\\s*(?:x|times)\\s*(?:(?:a|per|/)\\s*)?(?:week|wk)\\s*(?:x|for|times)?\\s*${NUM}\\s*(?:weeks?|wks?)\\b`).exec(t);
  if (m) {
    mark(m);
    request.frequencyPerWeek = readNumber(m[1]!);
    request.weeks = readNumber(m[2]!);
  } else if ((m = new RegExp(`\\b${NUM}\\s*x\\s*${NUM}\\b(?!\\s*(?:days?|hours?|months?))`).exec(t))) {
    mark(m);
    request.frequencyPerWeek = readNumber(m[1]!);
    request.weeks = readNumber(m[2]!);
  } else if ((m = new RegExp(`\\b${NUM}\\s*x\\s*/?\\s*(?:a |per )?(?:week|wk)\\b`).exec(t))) {
    mark(m);
    request.frequencyPerWeek = readNumber(m[1]!);
    const w = new RegExp(`\\b(?:x|for)\\s*${NUM}\\s*(?:weeks?|wks?)\\b`).exec(t);
    if (w) {
      mark(w);
      request.weeks = readNumber(w[1]!);
    }
  } else if ((m = new RegExp(`\\b${NUM}\\s*x\\s*${NUM}\\s*weeks?\\b`).exec(t))) {
    mark(m);
    request.frequencyPerWeek = readNumber(m[1]!);
    request.weeks = readNumber(m[2]!);
  }
  if (request.weeks === undefined) {
    const w = new RegExp(`\\b(?:x|for)?\\s*${NUM}\\s*(?:weeks?|wks?)\\b`).exec(t);
    if (w) {
      mark(w);
      request.weeks = readNumber(w[1]!);
    }
  }
  const visits = new RegExp(`\\b${NUM}\\s*(?:additional\\s+|more\\s+)?(?:visits?|sessions?|treatments?|appointments?)\\b`).exec(t);
  if (visits) {
    mark(visits);
    request.visits = readNumber(visits[1]!);
  } else if (request.frequencyPerWeek !== undefined && request.weeks !== undefined) {
    request.visits = request.frequencyPerWeek * request.weeks;
  } else if (request.kind === "therapy" && request.frequencyPerWeek === undefined) {
    // "Acupuncture x 6", "additional chiropractic x6": a therapy count without a unit is a number of visits.
    const count = new RegExp(`\\bx\\s*${NUM}\\b(?!\\s*(?:x|/|weeks?|wks?|days?|months?|hours?|hrs?))`).exec(t);
    if (count) {
      mark(count);
      request.visits = readNumber(count[1]!);
    }
  }
  const hours = new RegExp(`\\b${NUM}\\s*(?:hours?|hrs?)\\s*(?:/|a|per)\\s*day\\b`).exec(t);
  if (hours) {
    mark(hours);
    request.hoursPerDay = readNumber(hours[1]!);
  }
  const days = new RegExp(`\\b${NUM}\\s*days?\\s*(?:/|a|per)\\s*(?:week|wk)\\b`).exec(t);
  if (days) {
    mark(days);
    request.daysPerWeek = readNumber(days[1]!);
  }
  const weekly = new RegExp(`\\b${NUM}\\s*(?:hours?|hrs?)\\s*(?:/|a|per|each)\\s*(?:week|wk)\\b|\\b${NUM}\\s*(?:hours?|hrs?)\\s*weekly\\b`).exec(t);
  if (weekly) {
    mark(weekly);
    request.hoursPerWeek = readNumber(weekly[1] ?? weekly[2]!);
  } else if (/\b24\s*\/\s*7\b|\baround[- ]the[- ]clock\b|\blive[- ]in\b/.test(t)) {
    request.hoursPerWeek = 168;
  } else if (request.hoursPerDay !== undefined && request.daysPerWeek !== undefined) {
    request.hoursPerWeek = request.hoursPerDay * request.daysPerWeek;
  }
  // Hours of a whole course ("functional restoration program x 80 hours"), not hours a day or a week.
  const total = new RegExp(`\\b(?:x|for)?\\s*${NUM}\\s*(?:hours?|hrs?)\\b(?!\\s*(?:/|a\\b|per|each|weekly|daily))`).exec(t);
  if (total && request.hoursPerDay === undefined && request.hoursPerWeek === undefined) {
    mark(total);
    request.totalHours = readNumber(total[1]!);
  }
  const duration = new RegExp(`\\b(?:x|for)?\\s*${NUM}[\\s-]*(?:additional\\s+|more\\s+|further\\s+)?(days?|months?)\\b(?!\\s*(?:/|a|per))`).exec(t); // "x 30 days", "30-day rental"
  if (duration && !/per\s*$/.test(t.slice(0, duration.index))) {
    mark(duration);
    const n = readNumber(duration[1]!) ?? 0;
    request.durationDays = duration[2]!.startsWith("month") ? n * 30 : n;
  } else if (request.weeks !== undefined) {
    request.durationDays = request.weeks * 7;
  }
}

/**
 * Reads a disputed item as written into a normalized request.
 * @param vocabulary - the drug vocabulary from the knowledge base
 */
export function parseRequest(text: string, vocabulary: DrugVocabulary): NormalizedRequest {
  const request: NormalizedRequest = { kind: "other", text, unparsed: [] };
  const consumed: [number, number][] = [];
  const hits = findDrugs(text, vocabulary);
  const lower = text.toLowerCase();
  const isCompound = /compound|\bcmpd\b/.test(lower) || (hits.length > 1 && /cream|gel|ointment|lotion|topical|%/.test(lower));

  if (hits.length > 0) {
    request.kind = "drug";
    const first = hits[0]!;
    for (const h of hits) consumed.push([h.start, h.end], ...(h.sameSubstanceAt ?? []));
    if (isCompound || hits.length > 1) {
      request.isCompound = isCompound;
      request.ingredients = hits.map((h) => {
        const after = text.slice(h.end, h.end + 14);
        const strength = /^\s*\(?\s*(\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*(?:mg|mcg|g))/i.exec(after);
        return strength
          ? { name: h.term.generic, strength: strength[1]!.replace(/\s+/g, ""), drugClass: h.term.drugClass }
          : { name: h.term.generic, drugClass: h.term.drugClass };
      });
      request.name = request.ingredients.map((i) => i.name).join("/");
      request.drugClass = isCompound ? "compounded topical" : first.term.drugClass;
    } else {
      request.name = first.term.generic;
      request.drugClass = first.term.drugClass;
      if (first.asBrand) request.brand = first.asBrand;
    }
    request.drug = request.name;
    const strength =
      /(\d+(?:\.\d+)?\s*\/\s*\d+(?:\.\d+)?\s*(?:mg|mcg)?|\d+(?:\.\d+)?\s*(?:mg|mcg|g|%)(?:\s*\/\s*(?:hr|h|ml|\d+(?:\.\d+)?\s*(?:mg|%)))?)/i.exec(
        text.slice(first.end),
      );
    if (strength && !request.isCompound) {
      request.strength = strength[1]!.replace(/\s+/g, "");
      consumed.push([first.end + strength.index, first.end + strength.index + strength[0].length]);
    } else if (strength && hits.length === 1) {
      request.strength = strength[1]!.replace(/\s+/g, "");
    }
    const form = /\b(tablets?|tabs?|capsules?|caps?|cream|gel|ointment|lotion|patch(?:es)?|solution|spray|suspension|injection|film|lozenge|powder|ER|XR|SR|CR|extended[- ]release)\b/i.exec(text);
    if (form) {
      request.form = form[1]!.toLowerCase();
      consumed.push([form.index, form.index + form[0].length]);
    }
    const topicalForm = request.form && /cream|gel|ointment|lotion|patch|spray/.test(request.form);
    request.route = topicalForm || first.term.topical ? (request.form?.startsWith("patch") ? "transdermal" : "topical") : "oral";
    if (/inject|\bim\b|\biv\b/i.test(lower)) request.route = "injection";
    const qty = /(?:#|qty:?\s*|quantity:?\s*|no\.\s*)\s*(\d+)\s*(g|gm|grams?|ml)?\b|\b(\d+)\s*(g|gm|grams?|ml)\b(?!.*\b\d+\s*(?:g|gm)\b)/i.exec(text);
    if (qty) {
      consumed.push([qty.index, qty.index + qty[0].length]);
      request.quantity = Number(qty[1] ?? qty[3]);
      const unit = qty[2] ?? qty[4];
      if (unit) request.quantityUnit = unit.toLowerCase().startsWith("g") ? "g" : "ml";
    }
    const packs = new RegExp(`\\bx\\s*${NUM}\\s*(tubes?|bottles?|boxes?|packs?|jars?|containers?)\\b`, "i").exec(text);
    if (packs && request.quantity !== undefined) {
      consumed.push([packs.index, packs.index + packs[0].length]);
      request.quantity *= readNumber(packs[1]!) ?? 1;
    }
    const refills = new RegExp(`(?:with|w/|x|and|plus|\\+)?\\s*${NUM}\\s*refills?\\b|\\brefills?\\s*[:x]?\\s*${NUM}\\b`, "i").exec(text);
    if (refills) {
      consumed.push([refills.index, refills.index + refills[0].length]);
      request.refills = readNumber(refills[1] ?? refills[2]!) ?? 0;
    } else if (/no refills?|refills?:?\s*(?:0|none)/i.test(text)) {
      request.refills = 0;
    }
    const sig = /\b(\d+\s*(?:tabs?|tablets?|caps?|capsules?)\s+)?(?:po\s+)?(q\s*\d{1,2}\s*(?:-\s*\d{1,2}\s*)?h(?:ours?|rs?)?|every\s+\d{1,2}(?:\s*(?:-|to)\s*\d{1,2})?\s*hours?|bid|tid|qid|qhs|qd|daily|once daily|twice daily|twice a day|three times a day|at bedtime)(\s+(?:prn|as needed))?/i.exec(text);
    if (sig) {
      consumed.push([sig.index, sig.index + sig[0].length]);
      request.sig = sig[0].trim();
      request.dosesPerDay = parseDosesPerDay(sig[0]);
    }
    const dosesPerDay = request.dosesPerDay ?? (request.isCompound ? undefined : usualDosesPerDay(first.term, text, request.brand));
    if (request.quantity !== undefined && dosesPerDay && !request.quantityUnit) {
      request.daysSupply = Math.round(request.quantity / dosesPerDay);
      request.totalSupplyDays = request.daysSupply * (1 + (request.refills ?? 0));
    }
    const mme = morphineEquivalentPerDay(request.strength, dosesPerDay, hits.length === 1 ? first.term.mmeFactor : undefined);
    if (mme !== undefined) request.mmePerDay = mme;
  } else {
    const { kind, name } = classifyNonDrug(text);
    request.kind = kind;
    if (name) request.name = name;
    readSchedule(text, request, consumed);
  }

  const parts = findBodyParts(text);
  if (parts.length > 0) request.bodyParts = parts;
  const laterality = findLaterality(text);
  if (laterality) request.laterality = laterality;
  const levels = request.kind === "drug" ? [] : findLevels(text);
  if (levels.length > 0) request.levels = levels;
  if (request.kind === "imaging") {
    request.modality = request.name;
    if (/without (?:and with )?contrast|w\/o contrast|non-?contrast/i.test(text)) request.contrast = false;
    else if (/with contrast|w\/ contrast|contrast[- ]enhanced|arthrogram/i.test(text)) request.contrast = true;
  }
  // A home "trial" of a device is a rental for a trial period.
  if (/\brent(?:al|ed)?\b/i.test(text) || (request.kind === "dme" && /\btrial\b/i.test(text))) request.acquisition = "rental";
  else if (/\bpurchase|\bbuy\b|\bbought\b/i.test(text)) request.acquisition = "purchase";
  if (/\brepeat|\badditional|\bmore\b|\bcontinued?\b|\bsecond\b|\b2nd\b/i.test(text)) request.isRepeat = true;
  if (/post-?op(?:erative)?|post-?surgical|after surgery|following surgery|\bs\/p\b|status post/i.test(text)) request.isPostoperative = true;
  if (request.kind === "drug") request.unparsed = leftovers(text, consumed);
  return request;
}

const FILLER = /^(?:and|with|w\/|for|of|the|a|an|x|per|to|in|on|po|prn|as|needed|mg|tabs?|tablets?|caps?|[-#,.;:()/+%&]|\s)+$/i;

function leftovers(text: string, consumed: [number, number][]): string[] {
  const mask = new Array<boolean>(text.length).fill(false);
  for (const [s, e] of consumed) for (let i = s; i < e && i < text.length; i++) mask[i] = true;
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    if (mask[i]) {
      if (current.trim()) out.push(current.trim());
      current = "";
    } else current += text[i];
  }
  if (current.trim()) out.push(current.trim());
  return out.filter((piece) => !FILLER.test(piece) && !/^(?:brand|generic|medically necessary|dispensed|retro(?:spective)?.*)$/i.test(piece));
}
