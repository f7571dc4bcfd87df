import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/adapters/knowledge/load-knowledge-base.ts";
import { isNegated } from "../../src/domain/facts/text.ts";
import { parseRequest } from "../../src/domain/requests/parse-request.ts";
import { draftCase, type ItemDraft } from "../../src/domain/review/draft.ts";
import { evaluateCheck } from "../../src/domain/review/evaluate.ts";
import type { Fact } from "../../src/domain/facts/types.ts";

const kb = loadKnowledgeBase();

function draft(caseSummary: string, request: string): ItemDraft {
  return draftCase(kb, { caseSummary, items: [{ request }] }).items[0]!;
}

function status(item: ItemDraft, id: string): string | undefined {
  return item.criteria.find((c) => c.id === id)?.status;
}

describe("psychotherapy/CBT", () => {
  it("overturns an initial trial of four CBT sessions for a patient with depression and fear-avoidance who never had psychotherapy", () => {
    const item = draft(
      "A 47-year-old warehouse worker has had chronic low back pain since a lifting injury on 2/11/2013. On 4/2/2015 his PHQ-9 score was 15 and he described catastrophizing about his pain and avoiding bending and lifting. He has had no prior psychological treatment. Six weeks of physical therapy produced only minimal progress. An initial course of cognitive behavioral therapy was requested.",
      "CBT 4 sessions over 2 weeks",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("psychotherapy/CBT");
    expect(item.guideline).toMatchObject({ source: "MTUS Chronic Pain Medical Treatment Guidelines", pages: "23; 101-102" });
    expect(status(item, "psychological-treatment-cbt.indication")).toBe("met");
    expect(status(item, "psychological-treatment-cbt.initial-trial")).toBe("met");
    expect(status(item, "psychological-treatment-cbt.improvement-with-prior-sessions")).toBe("not_applicable");
    expect(item.rationale).toMatch(/is medically necessary\.$/);
  });

  it("upholds a first course of twelve weekly sessions, more than the 3-4 visit trial", () => {
    const item = draft(
      "This 39-year-old bus driver was assaulted at work on 6/1/2014 and now has post-traumatic stress disorder with nightmares and anxiety. She has never had psychotherapy. The treating physician asks for weekly psychotherapy for three months.",
      "Psychotherapy 1x12 weeks",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.criteria.find((c) => c.id === "psychological-treatment-cbt.initial-trial")).toMatchObject({ status: "not_met", value: 12 });
    expect(item.rationale).toMatch(/3-4 visits/);
  });

  it("upholds more sessions after twelve completed visits with unchanged scores and no return to work", () => {
    const item = draft(
      "The injured worker is a 52-year-old nurse's aide with a 2011 right shoulder injury and major depressive disorder. She has completed 12 psychotherapy sessions since March 2014. Her BAI and BDI scores are unchanged from intake and she remains off work on temporary total disability. The psychologist asks for 8 additional sessions.",
      "Psychotherapy x 8 additional sessions",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "psychological-treatment-cbt.improvement-with-prior-sessions")).toBe("not_met");
    expect(item.criteria.find((c) => c.id === "psychological-treatment-cbt.total-visits")).toMatchObject({ status: "not_met", value: 20 });
  });

  it("overturns four more sessions after a trial that lowered the BDI, restored modified duty and cut opioid use", () => {
    const item = draft(
      "A 44-year-old cashier with chronic neck pain and depression after a 2013 fall attended 4 cognitive behavioral therapy sessions in May 2015. Her Beck Depression Inventory fell from 28 to 17 over the trial. She returned to modified duty and has reduced her hydrocodone use from four to two tablets a day.",
      "Cognitive behavioral therapy 4 additional sessions",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "psychological-treatment-cbt.improvement-with-prior-sessions")).toBe("met");
    expect(item.criteria.find((c) => c.id === "psychological-treatment-cbt.total-visits")).toMatchObject({ status: "met", value: 8 });
  });

  it("upholds continued psychotherapy when prior treatment is mentioned but the number of sessions is not", () => {
    const item = draft(
      "A 58-year-old mechanic with chronic lumbar pain and an anxiety disorder has been in psychotherapy with a psychologist for the past year. Pain and mood are said to be somewhat better.",
      "Psychotherapy 6 sessions",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "psychological-treatment-cbt.prior-count-documented")).toBe("not_documented");
  });
});

describe("biofeedback", () => {
  it("overturns a four-visit biofeedback trial added to an ongoing CBT program", () => {
    const item = draft(
      "A 36-year-old office worker with chronic myofascial neck pain and pain-related anxiety started cognitive behavioral therapy last week. The psychologist plans to add biofeedback for relaxation training within the CBT program. She has not had biofeedback before.",
      "Biofeedback x 4 sessions",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("biofeedback");
    expect(item.guideline).toMatchObject({ pages: "24-25" });
    expect(status(item, "biofeedback.with-cbt")).toBe("met");
  });

  it("upholds stand-alone biofeedback twice a week for six weeks", () => {
    const item = draft(
      "A 50-year-old landscaper with chronic neck tension after a 2014 strain is treated by a chiropractor, who requests biofeedback as a stand-alone treatment for muscle tension.",
      "Biofeedback 2x6",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "biofeedback.with-cbt")).toBe("not_met");
    expect(status(item, "biofeedback.initial-trial")).toBe("not_met");
  });
});

describe("psychological evaluation", () => {
  it("overturns psychological screening before a spinal cord stimulator trial", () => {
    const item = draft(
      "A 55-year-old roofer has failed back surgery syndrome after an L4-5 fusion in 2012, with persistent radicular leg pain despite medications and therapy. The pain specialist is considering a spinal cord stimulator trial and requests psychological clearance first.",
      "Psychological evaluation prior to SCS trial",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("psychological evaluation");
    expect(item.guideline).toMatchObject({ pages: "100-101" });
  });

  it("upholds a psychological evaluation when no psychological symptoms or implanted device are described", () => {
    const item = draft(
      "A 31-year-old stocker sprained his right ankle on 3/3/2015. He is progressing in physical therapy, is working modified duty, and his mood is good.",
      "Psychological evaluation",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "psychological-evaluation.indication")).toBe("not_documented");
  });
});

describe("home health", () => {
  it("overturns part-time home therapy and aide care for a homebound patient after hip replacement", () => {
    const item = draft(
      "A 68-year-old groundskeeper fractured his right hip at work and underwent a total hip arthroplasty on 8/3/2015. He was discharged from the hospital on 8/7/2015, is confined to the home, and leaves only with substantial effort using a walker and his son's help. He needs home physical therapy for gait training and help with bathing and dressing.",
      "Home health PT 2x/week x 3 weeks and home health aide 4 hours/day 3 days/week",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("home health");
    expect(item.guideline).toMatchObject({ section: "Home health services", pages: "51" });
    expect(status(item, "home-health-services.homebound")).toBe("met");
    expect(status(item, "home-health-services.medical-treatment")).toBe("met");
    expect(item.criteria.find((c) => c.id === "home-health-services.part-time")).toMatchObject({ status: "met" });
  });

  it("reads a taxing effort to leave the house, in other words, as homebound", () => {
    const item = draft(
      "A 59-year-old forklift driver had a left total knee replacement on 4/14/2015 and went home on 4/17/2015. Leaving the house takes a great effort: she uses a walker and there are twelve steps to the street. The surgeon orders home PT twice a week for three weeks.",
      "Home health physical therapy 2x3 left knee",
    );
    expect(status(item, "home-health-services.homebound")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds round-the-clock aide care, beyond part-time or intermittent care", () => {
    const item = draft(
      "A 61-year-old electrician with a cervical cord injury is homebound and needs hands-on help with transfers, bathing and toileting. The physician asks for an attendant around the clock.",
      "Home health aide 24 hours a day, 7 days a week",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.normalized.hoursPerWeek).toBe(168);
    expect(status(item, "home-health-services.part-time")).toBe("not_met");
    expect(item.rationale).toMatch(/35 hours/);
  });

  it("upholds aide help with cleaning and shopping for a patient who drives and cares for herself", () => {
    const item = draft(
      "A 49-year-old cook with chronic knee pain walks without an assistive device and drives to the clinic. She manages her own bathing and dressing. There is no skilled nursing need. Her doctor asked for an aide to help with laundry, cleaning and grocery shopping.",
      "Home care assistance 4 hours per day 5 days per week",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "home-health-services.homebound")).toBe("not_met");
    expect(status(item, "home-health-services.non-medical-only")).toBe("met");
  });
});

describe("non-medical services", () => {
  it("upholds housekeeping for a patient who is not homebound and needs no medical care at home", () => {
    const item = draft(
      "The 45-year-old machinist has chronic low back pain. He drives himself to appointments and is independent in self-care. He asks for someone to do the vacuuming and yard work.",
      "Housekeeping services 4 hours per week",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("non-medical services");
    expect(item.guideline).toMatchObject({ section: "Home health services" });
  });

  it("overturns domestic help added to skilled wound care for a homebound patient", () => {
    const item = draft(
      "After a below-knee amputation on 1/5/2016 the 57-year-old laborer is homebound and receives skilled nursing visits for wound care. He is unable to do laundry or cleaning and lives alone.",
      "Homemaker services 3 hours per week",
    );
    expect(item.decision).toBe("Overturned");
  });

  it("overturns transportation for a patient who cannot drive and has no other way to reach therapy", () => {
    const item = draft(
      "A 60-year-old seamstress had a left ankle fracture fixed on 9/2/2015 and wears a non-weight-bearing cast. She cannot drive while in the cast. She lives alone, has no family or friends available to drive her, and there is no public transportation near her home.",
      "Transportation to and from physical therapy appointments",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("transportation");
    expect(item.guideline).toMatchObject({ section: "Transportation (to & from appointments)" });
    expect(item.guideline?.searchStep).toBe("acoem-odg");
    expect(item.rationale).toMatch(/MTUS does not address/);
  });

  it("upholds transportation for a patient who drives herself", () => {
    const item = draft("A 42-year-old clerk with wrist tendinitis drives herself to work and to her therapy visits.", "Taxi transportation to medical appointments");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "transportation.cannot-self-transport")).toBe("not_met");
  });

  it("upholds a wheelchair ramp as an environmental modification", () => {
    const item = draft("A 53-year-old with a spinal cord injury uses a wheelchair at home.", "Home modification: wheelchair ramp");
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("home/vehicle modification");
    expect(status(item, "home-vehicle-modification.environmental-modification")).toBe("met");
  });
});

describe("repair or replacement of equipment", () => {
  it("overturns replacing a knee brace that is worn out after two years of helpful daily use", () => {
    const item = draft(
      "A 46-year-old carpenter with chronic ACL insufficiency wears a hinged knee brace daily for instability and says it helps him walk on uneven ground. After two years of daily use, the brace's hinge is broken and the straps are frayed.",
      "Replacement hinged knee brace",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("DME repair/replacement");
    expect(status(item, "dme-repair-replacement.worn-or-changed")).toBe("met");
  });

  it("upholds a spare lumbar brace when the current one is in good condition", () => {
    const item = draft(
      "The 39-year-old driver uses his lumbar support brace at work and it helps on long drives. The brace is in good condition and fits well. He would like a second brace to keep at home.",
      "Replacement lumbar brace",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "dme-repair-replacement.worn-or-changed")).toBe("not_met");
    expect(status(item, "dme-repair-replacement.not-duplicate")).toBe("met");
  });

  it("reads a wheelchair repair as equipment, not surgery", () => {
    expect(parseRequest("Repair of power wheelchair", kb.drugs)).toMatchObject({ kind: "dme" });
  });
});

describe("consultations and follow-up visits", () => {
  it("overturns a spine surgery consultation for radicular pain persisting despite conservative care with a matching MRI", () => {
    const item = draft(
      "A 41-year-old warehouse worker has right leg pain and numbness despite 12 physical therapy visits, an epidural injection and medications. The MRI showed an L5-S1 disc herniation with S1 nerve root compression. The primary treating physician does not perform surgery.",
      "Orthopedic spine surgeon consultation",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("specialist consultation");
    expect(item.guideline).toMatchObject({ pages: "127" });
  });

  it("upholds a pain management consultation when the neck pain has resolved and she is back at full duty", () => {
    const item = draft("Her neck strain has resolved with home exercise and she is working full duty. The examination today is normal.", "Pain management consultation");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "office-visits-consultations.reason-for-referral")).toBe("not_documented");
  });

  it("overturns a follow-up visit to monitor ongoing medications for persistent pain", () => {
    const item = draft(
      "The 57-year-old has persistent lumbar pain rated 6/10 and is still taking tramadol and gabapentin, which need regular medication monitoring.",
      "Follow-up visit in 4 weeks",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("office visit");
  });

  it("upholds further office visits after discharge from care with resolved symptoms", () => {
    const item = draft("He was discharged from care in June; his symptoms have fully resolved and no further treatment is planned.", "Office visits x 6");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "follow-up-office-visits.clinical-need")).toBe("not_met");
  });
});

describe("functional capacity evaluation", () => {
  it("overturns an FCE near maximum medical improvement after two failed returns to work", () => {
    const item = draft(
      "A 50-year-old heavy equipment mechanic with a 2014 lumbar injury is approaching maximum medical improvement. Two prior attempts to return to work as a mechanic were unsuccessful, and permanent work restrictions need to be set.",
      "Functional capacity evaluation",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("functional capacity evaluation");
    expect(item.guideline).toMatchObject({ pages: "137-138" });
  });

  it("upholds an FCE with no return-to-work question", () => {
    const item = draft("A 35-year-old cashier with shoulder pain is still in physical therapy and improving. An FCE was requested at this visit.", "FCE");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "functional-capacity-evaluation.return-to-work-question")).toBe("not_documented");
  });
});

describe("weight loss program", () => {
  it("overturns a supervised program for industrial weight gain blocking knee rehabilitation after a failed diet", () => {
    const item = draft(
      "Since his 2013 knee injury the 48-year-old forklift driver has gained 45 pounds due to inactivity, and his BMI is now 36. His obesity is limiting progress in knee rehabilitation. He failed a physician-directed diet and exercise plan over six months.",
      "Lindora weight loss program x 12 weeks",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("weight loss program");
    expect(item.guideline?.searchStep).toBe("other-guideline");
    expect(item.criteria.find((c) => c.id === "weight-loss-program.obesity-level")).toMatchObject({ status: "met", value: 36 });
  });

  it("upholds a program for a BMI of 28 without a prior diet attempt", () => {
    const item = draft("The 40-year-old has a BMI of 28 and no weight-related illness. There has been no prior attempt at dieting.", "Weight Watchers program");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "weight-loss-program.obesity-level")).toBe("not_met");
  });
});

describe("request and text capabilities used by this group", () => {
  it.each([
    ["Home health aide 6 hours/day, 5 days/week x 6 weeks", 30],
    ["Housekeeping services 4 hours per week", 4],
    ["Attendant care 24/7", 168],
    ["Home care 10 hrs weekly", 10],
  ])("reads %s as %d hours a week", (text, hours) => {
    expect(parseRequest(text, kb.drugs).hoursPerWeek).toBe(hours);
  });

  it.each([
    [{ a: false }, false],
    [{ a: false, b: true }, true],
    [{}, undefined],
    [{ b: false, c: false }, false],
  ] as const)("anyDocumented over %o ignores silent parts and decides %s", (values, expected) => {
    const facts = new Map<string, Fact>(
      Object.entries(values).map(([id, value]) => [id, { id, value, evidence: [], mentions: [] }]),
    );
    const check = { anyDocumented: ["a", "b", "c"].map((fact) => ({ fact, is: true })) };
    const ctx = { facts, request: parseRequest("Psychotherapy x 4", kb.drugs), caseFacts: {} };
    expect(evaluateCheck(check, ctx).value).toBe(expected);
    // The strict "any" stays undecided while a part is silent.
    if (expected === false && Object.keys(values).length < 3) expect(evaluateCheck({ any: check.anyDocumented }, ctx).value).toBeUndefined();
  });

  it("lets the nearest negation cue govern a later item in a list", () => {
    const sentence = "There are no wounds, no IV therapy, and no skilled nursing needs.";
    const at = sentence.indexOf("skilled nursing");
    expect(isNegated(sentence, at, at + "skilled nursing".length)).toBe(true);
  });

  it("still lets a clause break end the reach of a negation cue", () => {
    const sentence = "No fever, but she needs skilled nursing for the wound.";
    const at = sentence.indexOf("skilled nursing");
    expect(isNegated(sentence, at, at + "skilled nursing".length)).toBe(false);
  });
});
