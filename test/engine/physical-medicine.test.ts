import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/adapters/knowledge/load-knowledge-base.ts";
import { extractFacts } from "../../src/domain/facts/extract.ts";
import type { FactDefinition } from "../../src/domain/facts/types.ts";
import { selectEntry } from "../../src/domain/guidelines/select-entry.ts";
import { parseRequest } from "../../src/domain/requests/parse-request.ts";
import { draftCase, type ItemDraft } from "../../src/domain/review/draft.ts";

const kb = loadKnowledgeBase();

function draft(caseSummary: string, request: string): ItemDraft {
  return draftCase(kb, { caseSummary, items: [{ request }] }).items[0]!;
}

function statuses(item: ItemDraft): Record<string, string> {
  return Object.fromEntries(item.criteria.map((c) => [c.id.slice(c.id.indexOf(".") + 1), c.status]));
}

describe("physical therapy for chronic pain (MTUS Chronic Pain, Physical Medicine pp. 98-99)", () => {
  it("upholds more therapy after a long course with no measurable gains and no flare-up", () => {
    const item = draft(
      "A 50-year-old warehouse clerk hurt his low back lifting boxes on 4/2/2012; the diagnosis is lumbar myofascial strain. " +
        "He has attended 20 PT visits since 2012. The PR-2 of 3/3/2014 notes that function is unchanged, with persistent pain of 6/10 and sitting limited to 30 minutes. " +
        "He denies any new injury or flare-up. He was given a home exercise program. The treating doctor asks for 8 more visits.",
      "Additional physical therapy x 8 visits lumbar spine",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("physical therapy");
    expect(item.guideline).toMatchObject({ source: "MTUS Chronic Pain Medical Treatment Guidelines", section: "Physical Medicine", pages: "98-99" });
    expect(statuses(item)).toMatchObject({ "visit-count": "not_met", "functional-improvement": "not_met", "statutory-cap": "not_met" });
    expect(item.criteria.find((c) => c.id.endsWith(".visit-count"))!.value).toBe(28);
    expect(item.rationale).toMatch(/more than the 9-10 visits/);
    expect(item.rationale).toMatch(/is not medically necessary\.$/);
  });

  it("overturns a first short course of therapy for a worker who never had therapy", () => {
    const item = draft(
      "This 38-year-old nurse's aide strained her neck transferring a patient on 2/10/2014 and has had neck pain with trapezius spasm since. " +
        "Treatment so far has been ibuprofen and modified duty. She has never had physical therapy. " +
        "The 6/1/2014 exam shows cervical rotation limited to 45 degrees with normal neurologic findings.",
      "PT 2 times a week for 4 weeks cervical spine",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("physical therapy");
    expect(statuses(item)).toMatchObject({ "initial-course": "met", "visit-count": "not_applicable" });
    expect(item.rationale).toMatch(/is medically necessary\.$/);
  });

  it("counts only the visits of the requested therapy when a sentence lists several", () => {
    const item = draft(
      "Since his 2013 injury he has completed 6 chiropractic visits and 9 physical therapy visits. Exam is unchanged.",
      "Physical therapy x 6 visits low back",
    );
    expect(item.criteria.find((c) => c.id.endsWith(".visit-count"))!.value).toBe(15);
  });

  it.each([
    "To date she has received no physical therapy; naproxen and a wrist splint are her only treatment.",
    "Physical therapy has not yet been provided for this claim, and she manages with naproxen and a splint.",
  ])("reads %j as a first course of therapy", (history) => {
    const item = draft(
      `A 41-year-old cashier has had right lateral elbow pain since a strain at work on 9/8/2014. ${history} ` +
        "On 11/3/2014 grip is 30 lbs on the right against 60 on the left.",
      "Occupational therapy 2x4 right elbow",
    );
    expect(statuses(item)).toMatchObject({ "initial-course": "met", "visit-count": "not_applicable" });
    expect(item.decision).toBe("Overturned");
  });

  it("reads a record silent on earlier therapy as a first course, but not one that mentions therapy without a count", () => {
    const story =
      "A 29-year-old line cook slipped at work on 1/12/2015 and has had low back pain with spasm since. Exam on 2/20/2015: flexion 40 degrees, neurologic exam normal. ";
    const silent = draft(story, "PT x 8 visits lumbar spine");
    expect(statuses(silent)).toMatchObject({ "initial-course": "met", "visit-count": "not_applicable" });
    expect(silent.decision).toBe("Overturned");
    const mentioned = draft(`${story}She attended physical therapy at another clinic last year and says it helped somewhat.`, "PT x 8 visits lumbar spine");
    expect(statuses(mentioned)).toMatchObject({ "initial-course": "not_applicable", "visit-count": "not_documented" });
    expect(mentioned.decision).toBe("Upheld");
  });

  it("counts visits the record calls simply therapy sessions, but not massage therapy visits", () => {
    const crps = draft(
      "A 45-year-old roofer fractured his left ankle on 2/2/2014 and now has complex regional pain syndrome of the left foot. " +
        "He finished 12 therapy sessions between 6/2014 and 9/2014; his walking tolerance improved from 5 to 25 minutes and foot swelling decreased.",
      "Physical therapy 2x3 left foot",
    );
    expect(statuses(crps)).toMatchObject({ "crps-course": "met", "functional-improvement": "met" });
    expect(crps.criteria.find((c) => c.id.endsWith(".crps-course"))!.value).toBe(18);
    expect(crps.decision).toBe("Overturned");
    const listed = draft("Since her 2013 injury she completed 8 massage therapy visits and 4 physical therapy visits.", "Physical therapy x 6 visits neck");
    expect(listed.criteria.find((c) => c.id.endsWith(".visit-count"))!.value).toBe(10);
  });

  it("counts visits written as an ordinal or as 'n of m' and overturns the rest of a short course after measured gains", () => {
    const item = draft(
      "A 41-year-old cashier strained her neck on 1/12/2015, with pain into the right trapezius. " +
        "Her occupational therapy progress note at the 5th session, dated 3/3/2015, records neck rotation improved from 40 to 70 degrees and that she has returned to full duty. " +
        "She does stretches at home daily. The provider asks for 4 additional visits.",
      "Occupational therapy x 4 cervical spine",
    );
    expect(statuses(item)).toMatchObject({ "visit-count": "met", "functional-improvement": "met" });
    expect(item.criteria.find((c) => c.id.endsWith(".visit-count"))!.value).toBe(9);
    expect(item.decision).toBe("Overturned");
    const fraction = draft(
      "Injured 6/6/2014. She has completed 7 of 8 authorized physical therapy visits with pain unchanged and no functional gains.",
      "Physical therapy x 6 lumbar spine",
    );
    expect(fraction.criteria.find((c) => c.id.endsWith(".visit-count"))!.value).toBe(13);
    expect(fraction.decision).toBe("Upheld");
  });
});

describe("chiropractic/manual therapy (MTUS Chronic Pain, Manual therapy & manipulation pp. 58-60)", () => {
  it("overturns a 6-visit trial for chronic low back pain in a patient never treated by a chiropractor", () => {
    const item = draft(
      "The patient is a 45-year-old delivery driver with mechanical low back pain since a lifting injury on 8/14/2013. " +
        "He completed 8 PT sessions in late 2013 and does his home exercises daily. He has not tried chiropractic care. " +
        "On 5/5/2014 he reports pain of 5/10 and cannot drive more than an hour; the goal is a full shift without stopping.",
      "Chiropractic manipulation x 6 visits lumbar spine",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("chiropractic/manual therapy");
    expect(item.guideline).toMatchObject({ section: "Manual therapy & manipulation", pages: "58-60" });
    expect(statuses(item)).toMatchObject({ "initial-trial": "met", "body-part": "not_met" });
  });

  it("upholds manipulation of the wrist, where the guideline does not recommend it", () => {
    const item = draft(
      "A 33-year-old assembler has right wrist pain from repetitive work since 1/5/2014. She has never had chiropractic treatment.",
      "Chiropractic treatment 2x3 right wrist",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "body-part": "met" });
    expect(item.rationale).toMatch(/does not recommend/);
  });

  it("counts a completed trial written as a hyphenated visit count and overturns more visits after documented gains", () => {
    const item = draft(
      "A 38-year-old nurse has had mid and low back pain since lifting a patient on 3/3/2014. " +
        "She finished a 4-session manipulation trial in 6/2014; afterwards her Oswestry score fell from 38% to 20% and she returned to full duty.",
      "Chiropractic manipulation x 8 visits thoracic and lumbar spine",
    );
    expect(item.criteria.find((c) => c.id.endsWith(".visit-count"))).toMatchObject({ status: "met", value: 12 });
    expect(item.decision).toBe("Overturned");
  });

  it("does not read the count in the sentence asking for the trial as visits already given", () => {
    const item = draft(
      "A 41-year-old cashier has had mechanical neck and upper back pain since a motor vehicle collision at work on 2/2/2014, treated with ibuprofen and stretching. " +
        "Manipulation has never been tried. On 4/14/2014 cervical rotation is limited and painful. The treating physician asks for six spinal manipulation sessions over two weeks.",
      "Spinal manipulation x 6 cervical and thoracic",
    );
    expect(statuses(item)).toMatchObject({ "initial-trial": "met", "functional-improvement": "not_applicable" });
    expect(item.decision).toBe("Overturned");
  });

  it("upholds palliative adjustments after 24 visits that did not change function", () => {
    const item = draft(
      "Low back pain since a fall on 3/9/2011. She has had 24 chiropractic treatments to date without improvement in her work restrictions. " +
        "The chiropractor recommends monthly supportive care to keep her pain manageable.",
      "Chiropractic care 1x6",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "visit-count": "not_met", "maintenance-care": "met", "statutory-cap": "not_met" });
  });
});

describe("massage therapy (MTUS Chronic Pain, Massage therapy p. 60)", () => {
  it("overturns a short course of massage added to an active home program", () => {
    const item = draft(
      "A 41-year-old cook has chronic neck myofascial pain since 9/3/2013. She is performing her home exercise program daily. " +
        "She has had no prior massage therapy. Trigger points persist in the upper trapezius.",
      "Massage therapy 1x4 cervical spine",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("massage therapy");
    expect(item.guideline).toMatchObject({ pages: "60" });
    expect(statuses(item)).toMatchObject({ adjunct: "met", "initial-course": "met" });
  });

  it("upholds massage as a stand-alone treatment beyond the usual 4-6 visits", () => {
    const item = draft(
      "The patient reports relief for a day after each session; she has received 10 massage sessions since January 2014. No exercise program is described.",
      "Massage 2x6 lumbar",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "visit-count": "not_met" });
  });
});

describe("aquatic therapy (MTUS Chronic Pain, Aquatic therapy p. 22)", () => {
  it("overturns pool therapy for a morbidly obese worker who cannot tolerate land-based exercise", () => {
    const item = draft(
      "This 52-year-old custodian with knee osteoarthritis and low back pain since 6/6/2013 has a BMI of 46. " +
        "Land-based therapy aggravated his knee pain and was stopped. He has not had aquatic therapy before.",
      "Aquatic therapy 2x4",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("aquatic therapy");
    expect(statuses(item)).toMatchObject({ "reduced-weight-bearing": "met", "initial-course": "met" });
  });

  it("upholds pool therapy when nothing calls for reduced weight bearing", () => {
    const item = draft(
      "A 29-year-old mechanic has lumbar strain since 2/2/2014 and tolerates land-based exercise well. He completed 12 aquatic therapy visits in 2014.",
      "Aqua therapy x 12 sessions",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "reduced-weight-bearing": "not_documented", "visit-count": "not_met" });
  });
});

describe("acupuncture (MTUS Acupuncture Medical Treatment Guidelines, 8 CCR 9792.24.1)", () => {
  it("overturns an initial trial for a patient who cannot take NSAIDs and is in therapy", () => {
    const item = draft(
      "A 60-year-old bookkeeper has chronic low back pain since 11/20/2012. Naproxen was discontinued because of dyspepsia. " +
        "She is participating in physical therapy twice weekly. No prior acupuncture has been provided.",
      "Acupuncture x 6 sessions lumbar",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("acupuncture");
    expect(item.guideline).toMatchObject({ source: "MTUS Acupuncture Medical Treatment Guidelines (8 CCR 9792.24.1)" });
    expect(statuses(item)).toMatchObject({ indication: "met", "initial-trial": "met", "extension-functional-improvement": "not_applicable" });
  });

  it("upholds more acupuncture after a course with no functional change", () => {
    const item = draft(
      "He underwent 12 acupuncture sessions in 2014 with limited benefit; his work restrictions and medication use are unchanged. " +
        "Pain remains 7/10. Twelve more sessions are requested.",
      "Acupuncture 2x6",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "sessions-documented": "met", "extension-functional-improvement": "not_met" });
    expect(item.rationale).toMatch(/not medically necessary\.$/);
  });
});

describe("postsurgical physical therapy (MTUS Postsurgical Treatment Guidelines, 8 CCR 9792.24.3)", () => {
  it("overturns the first half of the course after a rotator cuff repair", () => {
    const item = draft(
      "A 47-year-old electrician underwent arthroscopic right rotator cuff repair on 5/12/2015 after a fall at work on 1/20/2015. " +
        "He has not started postoperative therapy. At the 6/2/2015 visit he remains in a sling with passive forward flexion to 90 degrees.",
      "Post-op physical therapy 2x6 right shoulder",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("postsurgical physical therapy");
    expect(item.guideline).toMatchObject({ source: "MTUS Postsurgical Treatment Guidelines (8 CCR 9792.24.3)" });
    expect(statuses(item)).toMatchObject({ "within-period": "met", "initial-course-rotator-cuff": "met", "general-course-rotator-cuff": "not_applicable" });
  });

  it("upholds postoperative therapy requested 9 months after a lumbar discectomy and beyond the general course", () => {
    const item = draft(
      "She is status post L5-S1 microdiscectomy on 2/3/2014. She has had 16 postoperative PT visits with improved walking tolerance. " +
        "The PR-2 dated 11/10/2014 notes residual back pain.",
      "Postoperative PT x 8 visits lumbar",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "within-period": "not_met", "general-course-spinal-decompression": "not_met" });
    expect(item.criteria.find((c) => c.id.endsWith(".within-period"))!.value).toBeGreaterThan(26);
  });

  it("counts visits written after the words 'following the surgery' and upholds therapy beyond the general course", () => {
    const item = draft(
      "He underwent an L4-5 fusion on 1/5/2015. Following the fusion he attended 30 therapy visits, and he now walks a mile. Seen on 5/4/2015 with mild stiffness.",
      "Post-operative physical therapy x 10 visits lumbar",
    );
    expect(item.criteria.find((c) => c.id.endsWith(".general-course-lumbar-fusion"))).toMatchObject({ status: "not_met", value: 40 });
    expect(item.decision).toBe("Upheld");
  });

  it("keeps a gain documented beside another finding that resolved, and overturns the rest of the course", () => {
    const item = draft(
      "A 52-year-old mechanic underwent right rotator cuff repair on 3/2/2015 and has completed 12 post-op PT visits. " +
        "At the 5/11/2015 visit active abduction improved from 90 to 150 degrees, night pain resolved, and he still cannot lift overhead.",
      "Post-op physical therapy 2x6 right shoulder",
    );
    expect(statuses(item)).toMatchObject({ "functional-improvement": "met", "general-course-rotator-cuff": "met" });
    expect(item.decision).toBe("Overturned");
  });

  it.each([
    "Knee flexion went from 0-70 degrees in the first week to 0-110 degrees at the latest visit.",
    "Quadriceps strength went from 3+/5 to 4/5 over the course.",
    "Her gait advanced from a rolling walker to no assistive device.",
  ])("reads %j as functional gains from therapy already given", (gain) => {
    const item = draft(
      `A 66-year-old custodian underwent left total knee arthroplasty on 3/9/2015 and has attended 12 post-op PT visits. ${gain} Seen 5/4/2015; she still cannot manage stairs.`,
      "Post-op physical therapy 2x6 left knee",
    );
    expect(statuses(item)).toMatchObject({ "functional-improvement": "met" });
    expect(item.decision).toBe("Overturned");
  });

  it.each([
    "Operation: left ACL reconstruction using a bone-patellar tendon-bone graft on 3/2/2015.",
    "Date of surgery: 3/2/2015 (left ACL reconstruction).",
    "A left ACL reconstruction with patellar tendon graft was performed on 3/2/2015.",
  ])("dates the surgery from %j and overturns the rest of an ACL reconstruction course within the period", (surgery) => {
    const item = draft(
      `${surgery} A 29-year-old firefighter has completed 10 postoperative PT visits; knee flexion improved from 80 to 120 degrees and he walks without a brace, but he cannot yet run or carry equipment on stairs. Seen 5/18/2015.`,
      "Post-op physical therapy 2x5 left knee",
    );
    expect(item.criteria.find((c) => c.id.endsWith(".within-period"))).toMatchObject({ status: "met", value: 11 });
    expect(item.decision).toBe("Overturned");
  });

  it("does not send a plain request for therapy to the postsurgical guideline", () => {
    expect(selectEntry(kb, parseRequest("Physical therapy 2x6 right knee", kb.drugs))?.id).toBe("physical-therapy-chronic");
    expect(selectEntry(kb, parseRequest("PT 2x6 s/p rotator cuff repair", kb.drugs))?.id).toBe("postsurgical-physical-medicine");
  });
});

describe("functional restoration program (MTUS Chronic Pain pp. 30-34, 49)", () => {
  it("overturns a 2-week trial for an evaluated, motivated patient with no surgical option", () => {
    const item = draft(
      "A 49-year-old carpenter injured his neck and back in a fall on 9/9/2011. He failed physical therapy, chiropractic care, medications and facet injections. " +
        "Surgery is not recommended by the spine consultant. He is on temporary total disability, walks 10 minutes at a time and needs help bathing. " +
        "An interdisciplinary evaluation on 3/2/2015 recorded baseline physical performance testing; his psychologist identified depression and catastrophizing to be treated in the program, with a plan to taper opioids. " +
        "He is motivated to return to work.",
      "Functional restoration program 80 hours",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("functional restoration program");
    expect(item.guideline).toMatchObject({ pages: "30-34; 49" });
    expect(statuses(item)).toMatchObject({ evaluation: "met", "no-surgery-pending": "met", motivation: "met", "trial-length": "met" });
  });

  it("reads loss of function, screening questionnaires and an agreed taper in other words", () => {
    const item = draft(
      "A 50-year-old nurse's aide has had chronic upper back, neck and arm pain after a patient transfer on 6/6/2011. Therapy, injections and medications failed, and she is not a surgical candidate. " +
        "At the 2/2/2015 interdisciplinary assessment she tolerates standing for only 15 minutes and is unable to manage household chores; her BDI-II score was 27 and her FABQ was high. " +
        "She consented to wean off hydrocodone and is motivated to return to work.",
      "Functional restoration program x 2 weeks",
    );
    expect(statuses(item)).toMatchObject({ "loss-of-function": "met", "negative-predictors": "met", "chronic-pain": "met" });
    expect(item.decision).toBe("Overturned");
  });

  it("upholds a program asked for while surgery is still scheduled", () => {
    const item = draft(
      "She has chronic low back pain since 2012 and has failed conservative care. An L4-5 fusion is scheduled for next month. " +
        "A multidisciplinary evaluation was completed and she says she is motivated.",
      "HELP program x 2 weeks",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "no-surgery-pending": "not_met" });
  });

  it("upholds continuing past the trial without documented gains", () => {
    const item = draft(
      "He completed 10 days of the functional restoration program. Progress notes report no objective functional improvement; lifting and walking tolerance are unchanged. " +
        "Surgery was declined. A program evaluation with baseline testing and a psychological evaluation were done before the trial. He is motivated and off work.",
      "Functional restoration program x 10 additional days",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "trial-length": "not_applicable", "continuation-gains": "not_met", "total-days": "met" });
  });
});

describe("work hardening/conditioning (MTUS Chronic Pain pp. 125-126)", () => {
  it("overturns a 4-week program for a plateaued worker with a job held open", () => {
    const item = draft(
      "A 35-year-old warehouse loader injured his shoulder on 10/1/2014. He made gains in 12 PT visits but has plateaued. " +
        "A functional capacity evaluation on 4/20/2015 placed him at the light level, below the heavy demands of his job. " +
        "His employer has agreed to take him back once he can lift 75 pounds.",
      "Work hardening 3x4",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("work hardening/conditioning");
    expect(statuses(item)).toMatchObject({ "job-demands": "met", "therapy-plateau": "met", "return-to-work-goal": "met", "within-two-years": "met" });
  });

  it("upholds work conditioning four years after injury with no job to return to", () => {
    const item = draft(
      "Injured on 2/2/2010, she was laid off in 2012. Physical therapy has plateaued. The note dated 5/1/2014 asks for work conditioning.",
      "Work conditioning 2x6",
    );
    expect(item.decision).toBe("Upheld");
    expect(statuses(item)).toMatchObject({ "return-to-work-goal": "not_met", "within-two-years": "not_met", "program-length": "not_met" });
  });
});

describe("gym membership (ODG Low Back, Gym memberships; the MTUS is silent)", () => {
  it("upholds an unsupervised gym membership and says the MTUS does not address it", () => {
    const item = draft("He would like a gym membership to exercise on his own; he does a home exercise program.", "Gym membership x 6 months");
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("gym membership");
    expect(item.guideline).toMatchObject({ searchStep: "acoem-odg", section: "Gym memberships" });
    expect(item.searchSequence).toMatch(/does not address/);
    expect(statuses(item)).toMatchObject({ "medical-supervision": "not_met", "home-program-failed": "not_documented" });
  });

  it("overturns a pool membership when the home program failed, a pool is needed and therapists supervise", () => {
    const item = draft(
      "Her monitored home exercise program, revised twice by her therapist, has been ineffective. Because of severe knee arthritis she needs access to a pool. " +
        "The pool exercise will be supervised by a physical therapist at the facility.",
      "Pool membership x 3 months",
    );
    expect(item.decision).toBe("Overturned");
    expect(statuses(item)).toMatchObject({ "home-program-failed": "met", "equipment-needed": "met", "medical-supervision": "met" });
  });
});

describe("engine capabilities used by the physical medicine entries", () => {
  it("reads weeks since an event from a captured date or from a stated interval", () => {
    const defs: FactDefinition[] = [
      {
        id: "weeksSince",
        description: "test",
        kind: "elapsed",
        numberPatterns: ["\\bsurgery on {date}", "\\b(?<n>\\d+|six)\\s+(?<unit>weeks?|months?) after surgery"],
      },
    ];
    const fromDate = extractFacts([{ document: "PR-2", date: "2015-04-14", pages: ["She had surgery on 3/3/2015."] }], defs, [], [], {});
    expect(fromDate.get("weeksSince")!.value).toBe(6);
    const stated = extractFacts([{ document: "note", pages: ["Seen six months after surgery."] }], defs, [], [], {});
    expect(stated.get("weeksSince")!.value).toBeCloseTo(26.1, 1);
  });

  it("ties a count to the requested treatment with the {request} slot", () => {
    const defs: FactDefinition[] = [{ id: "count", description: "test", kind: "number", numberPatterns: ["\\b(\\d+)\\s+{request}\\s+visits"] }];
    const facts = extractFacts([{ document: "note", pages: ["He had 24 PT visits and 12 chiropractic visits."] }], defs, ["chiropractic"], [], {});
    expect(facts.get("count")!.value).toBe(12);
  });

  it("reads the hours of a whole program from the request", () => {
    expect(parseRequest("Functional restoration program x 10 days (80 hours)", kb.drugs)).toMatchObject({ totalHours: 80, durationDays: 10 });
    expect(parseRequest("Home health aide 4 hours per day", kb.drugs).totalHours).toBeUndefined();
  });
});
