/** A stretch of a record's text with its position on its page. */
export type Sentence = { text: string; start: number; end: number };

const ABBREVIATIONS = /(?:\b(?:dr|mr|mrs|ms|vs|etc|approx|no|pt|pts|st|jr|sr|inc|e\.g|i\.e|p|pp|fig|mg|ca|dept|min|hrs?|wk|yrs?|u\.s)|(?<!['’])\b[A-Z])\.$/i;

/** Splits page text into sentences, keeping character offsets; page-break blank lines do not split. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) sentences.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "." || ch === "?" || ch === "!" || ch === ";") {
      const next = text[i + 1];
      if (next !== undefined && !/\s/.test(next)) continue; // 4.5, e.g.x
      // "PT." in capitals is physical therapy ending a sentence, not "pt." for patient.
      if (ch === "." && ABBREVIATIONS.test(text.slice(Math.max(0, i - 6), i + 1)) && !/\bPTs?\.$/.test(text.slice(Math.max(0, i - 4), i + 1))) continue;
      const rest = text.slice(i + 1);
      const nextWord = /^\s*(\S)/.exec(rest);
      if (ch === "." && nextWord && /[a-z0-9]/.test(nextWord[1]!) && !/\n\s*\n/.test(rest.slice(0, 4))) continue;
      push(i + 1);
    } else if (ch === "\n") {
      // A heading or list line ends at its line break; a wrapped sentence does not.
      const line = text.slice(text.lastIndexOf("\n", i - 1) + 1, i);
      const nextLine = /^\n([^\n]*)/.exec(text.slice(i))?.[1] ?? "";
      if (/^\s*[-•*]\s/.test(nextLine) || /:\s*$/.test(line) || /^[A-Z0-9 ,/&()-]{4,}$/.test(line.trim()) || /^\s*[A-Z][A-Za-z /()-]{2,40}:\s/.test(nextLine)) push(i + 1);
    }
  }
  push(text.length);
  return sentences;
}

const NEGATION_BEFORE =
  /\b(?:no|not|non|denies|denied|deny|without|w\/o|never|negative for|free of|absence of|absent|lack of|lacks|lacking|fails? to|failed to|unable to (?:document|find|identify)|neither|nor|none|rule[sd]? out|ruled out|no evidence of|no documentation of|no indication of|no mention of|no report of|not documented|does not|did not|do not|has not|have not|had not|is not|was not|were not|are not|cannot|can't|isn't|wasn't|doesn't|didn't|haven't|hasn't|there is no|there was no|no signs? of|no history of|no sign of|no objective|without any|nothing to suggest|unremarkable for|(?:silent|noncontributory|non-contributory) (?:for|as to|regarding|about|on|with respect to))\b[^.;:]*$/i;
const NEGATION_AFTER =
  /^[^.;]{0,40}?\b(?:is|are|was|were|has been|have been)?\s*(?:not (?:documented|noted|present|found|reported|seen|shown|demonstrated|evident|identified|described|recorded|mentioned|provided|included)|absent|denied|negative|ruled out|unremarkable|resolved)\b/i;
/** Words that end the reach of a negation cue (a new clause). */
const CLAUSE_BREAK = /\b(?:but|however|although|though|except|yet|which|who|whereas|while|since|aside from|apart from)\b|[,;:]\s*(?:and|but|he|she|the|there|his|her|with)\b/i;

/** Where the negation cue nearest to the end of `before` starts: in "no wounds, no IV therapy, and no skilled care" the last "no" governs "skilled care". */
function nearestCue(before: string): number | undefined {
  let found: number | undefined;
  let from = 0;
  for (;;) {
    const cue = NEGATION_BEFORE.exec(before.slice(from));
    if (!cue) return found;
    found = from + cue.index;
    from = found + (/^\S+/.exec(cue[0])?.[0].length ?? 1);
  }
}

/** Words that may stand between a comma and a trailing negation cue without giving the cue a subject of its own. */
const AFTER_COMMA_FUNCTION_WORDS = /\b(?:which|that|and|it|they|this|these|has|have|had|is|are|was|were|been|now|since|then|completely|fully|largely|entirely|also|still|all|both|subsequently|reportedly)\b/gi;

/** Whether the match at [start, end) in a sentence is negated ("no flare-up", "flare-up is not documented"). */
export function isNegated(sentence: string, start: number, end: number): boolean {
  // "re:" is shorthand for "regarding", not a label: "no rationale re: neuropathic pain" negates across it.
  const before = sentence.slice(Math.max(0, start - 80), start).replace(/\bre:/gi, "re ");
  const cueAt = nearestCue(before);
  if (cueAt !== undefined) {
    const between = before.slice(cueAt);
    // Skip the cue's own words but not punctuation glued to them: in "reflex was absent, with decreased sensation" the comma starts a new clause.
    const afterCue = between.replace(/^[\w'-]+(?:\s+[\w'-]+)?/, "");
    // "absent" used before a noun qualifies only that noun: in "an absent ankle reflex, decreased sensation" the
    // sensation finding that follows the comma (or "and"/"with") is not negated.
    const attributiveListItem = /^absent\s/i.test(between) && /,|\b(?:and|with)\b/i.test(afterCue);
    if (!CLAUSE_BREAK.test(afterCue) && !attributiveListItem) return true;
  }
  const after = sentence.slice(end, end + 60);
  if (!NEGATION_AFTER.test(after)) return false;
  const lead = after.split(/\b(?:not|absent|denied|negative|ruled|unremarkable|resolved)\b/i)[0] ?? "";
  if (/^[^.;]{0,40}?\b(?:but|however)\b/i.test(lead)) return false;
  // After a comma, a cue with a subject of its own belongs to a new clause: in "flexion improved from 95 to 125 degrees,
  // quad lag resolved" only the lag resolved; in "straight leg raise, negative" or ", which has resolved" the cue reaches back.
  const tail = lead.includes(",") ? lead.slice(lead.lastIndexOf(",") + 1) : "";
  if (/[a-z]/i.test(tail.replace(AFTER_COMMA_FUNCTION_WORDS, ""))) return false;
  // After a comma, a cue that goes on to name a finding opens the next item of a list: in "decreased sensation over S1,
  // absent Achilles reflex" only the reflex is absent; "straight leg raise, negative bilaterally" still reaches back.
  // So does one joined by "and"/"with": in "latency of 5.6 ms and absent sensory response" only the response is absent.
  // "with negative results" still reaches back.
  const cueOn = after.slice(lead.length);
  if (lead.includes(",")) return !ATTRIBUTIVE_CUE.test(cueOn);
  return !(/\b(?:and|with|plus)\s*$/i.test(lead) && ATTRIBUTIVE_CUE.test(cueOn) && !CUE_ON_RESULT.test(cueOn));
}

/** A cue used before the noun it qualifies ("absent left Achilles reflex", "negative straight leg raise"), not after it. */
const ATTRIBUTIVE_CUE =
  /^(?:absent|negative|unremarkable)\s+(?!(?:and|or|but|on|in|at|to|for|with|without|of|over|along|from|by|per|as|since|until|except|throughout|today|now|again|still|also|both|then|here|there|x|is|was|were|are)\b|\w+ly\b)[a-z]/i;

/** A cue qualifying the result of the finding before it ("with negative results", "and negative findings"), not a new finding. */
const CUE_ON_RESULT = /^(?:absent|negative|unremarkable)\s+(?:results?|findings?|outcomes?|responses?|tests?|testing|signs?|exam\w*|stud(?:y|ies)|readings?|for|bilaterally|on both sides)\b/i;

/** Whether the sentence speaks of something hoped for or asked, not something that happened ("to improve", "requested"). */
export function isHypothetical(sentence: string, start: number): boolean {
  const before = sentence.slice(Math.max(0, start - 60), start);
  return /\b(?:if|would|could|may|might|should|goal(?:s)? (?:is|are|of)?|to (?:help|improve|increase|reduce|decrease)|in order to|expected to|hope|plan(?:s|ned)? to|request(?:ed|s|ing)?(?: for)?|recommend(?:ed|s)?|will)\b[^.;]*$/i.test(before);
}
