import { describe, expect, it } from "vitest";
import { isHypothetical, isNegated, splitSentences } from "./text.ts";

function negated(sentence: string, term: string): boolean {
  const start = sentence.toLowerCase().indexOf(term.toLowerCase());
  if (start < 0) throw new Error(`"${term}" is not in "${sentence}"`);
  return isNegated(sentence, start, start + term.length);
}

describe("isNegated", () => {
  it.each([
    ["There is no documentation of a flare-up.", "flare-up", true],
    ["Straight leg raise was negative bilaterally.", "Straight leg raise", true],
    ["He denies heartburn, dyspepsia or melena.", "melena", true],
    ["The patient has not had an epidural injection before.", "epidural injection", true],
    ["Red flags were ruled out.", "Red flags", true],
    ["A flare-up is not documented in the records.", "flare-up", true],
    ["Without any functional improvement after 24 sessions.", "functional improvement", true],
    ["He reports an acute flare-up of low back pain.", "acute flare-up", false],
    ["There is no history of ulcer, but he reports a flare-up this week.", "flare-up", false],
    ["Positive straight leg raise on the left at 40 degrees.", "straight leg raise", false],
    ["She has spasm over the trapezii.", "spasm", false],
    ["The right ankle reflex was absent, with decreased sensation over the lateral foot.", "decreased sensation", false],
    ["Grip strength improved from 20 to 45 lbs, wrist swelling resolved and she types for an hour.", "improved from 20", false],
    ["Positive Tinel sign at the elbow, Phalen test negative.", "Tinel sign", false],
    ["Straight leg raise, negative.", "Straight leg raise", true],
    ["Hypoesthesia over the lateral calf, negative femoral stretch test.", "Hypoesthesia", false],
    ["Weakness of the EHL, absent right ankle jerk.", "Weakness of the EHL", false],
    ["Seated slump test, negative bilaterally.", "Seated slump test", true],
    ["Tinel sign at the wrist, negative on the left.", "Tinel sign", true],
    ["His radicular symptoms, which have since resolved, were treated with an injection.", "radicular symptoms", true],
    ["No explanation re: radiating leg pain was given.", "radiating leg pain", true],
    ["Ulnar motor latency was prolonged and absent radial sensory potentials were noted.", "Ulnar motor latency was prolonged", false],
    ["Decreased pinprick over the shin with negative Babinski sign.", "Decreased pinprick", false],
    ["Tinel and Phalen negative at the wrist.", "Tinel", true],
    ["Straight leg raise was performed with negative results.", "Straight leg raise", true],
    ["Spurling maneuver and negative findings on the left.", "Spurling maneuver", true],
    ["Chart review re: radiating leg pain shows it began in May.", "radiating leg pain", false],
    ["Exam shows an absent left knee jerk and diminished sensation in the medial shin.", "diminished sensation", false],
    ["Absent patellar reflex on the right, hypoesthesia over the L4 dermatome.", "hypoesthesia", false],
    ["Absent tenderness over the spinous processes.", "tenderness", true],
    ["Past medical history is silent for peptic ulcer disease.", "peptic ulcer", true],
    ["His history is noncontributory regarding GI bleeding.", "GI bleeding", true],
  ] as const)("in %j, %s negated is %s", (sentence, term, expected) => {
    expect(negated(sentence, term)).toBe(expected);
  });
});

describe("isHypothetical", () => {
  it("treats requests and goals as not yet happened", () => {
    const s = "Six visits were requested to improve walking tolerance.";
    expect(isHypothetical(s, s.indexOf("improve walking"))).toBe(true);
    const t = "Walking tolerance improved from 10 to 25 minutes.";
    expect(isHypothetical(t, t.indexOf("improved"))).toBe(false);
  });
});

describe("splitSentences", () => {
  it("keeps offsets into the page and does not split at abbreviations, decimals or wrapped lines", () => {
    const page = "Seen by Dr. Smith on 10/22/2014. Pain 6/10 with meds; 9/10 without.\nTizanidine 4 mg\nwas refilled.\n\nPLAN:\nContinue HEP.";
    const sentences = splitSentences(page);
    for (const s of sentences) expect(page.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Seen by Dr. Smith on 10/22/2014.",
      "Pain 6/10 with meds;",
      "9/10 without.",
      "Tizanidine 4 mg\nwas refilled.",
      "PLAN:",
      "Continue HEP.",
    ]);
  });

  it("ends a sentence at PT written in capitals (physical therapy) but not at Pt. for patient", () => {
    const sentences = splitSentences("She improved with PT. On 9/8/2014 she fell. Pt. reports pain.").map((s) => s.text);
    expect(sentences).toEqual(["She improved with PT.", "On 9/8/2014 she fell.", "Pt. reports pain."]);
  });

  it("ends a sentence at a possessive eponym, not mistaking its final s for an initial", () => {
    const sentences = splitSentences("Negative Hoffmann's. EMG showed C6 radiculopathy. Seen by J. Smith.").map((s) => s.text);
    expect(sentences).toEqual(["Negative Hoffmann's.", "EMG showed C6 radiculopathy.", "Seen by J. Smith."]);
  });
});
