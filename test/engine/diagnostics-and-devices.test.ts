import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/adapters/knowledge/load-knowledge-base.ts";
import type { ItemDraft } from "../../src/domain/review/draft.ts";
import { draftCase } from "../../src/domain/review/draft.ts";
import { extractFacts } from "../../src/domain/facts/extract.ts";

const kb = loadKnowledgeBase();

function draft(caseSummary: string, request: string, requestDate?: string): ItemDraft {
  return draftCase(kb, { caseSummary, items: [{ request }], ...(requestDate ? { requestDate } : {}) }).items[0]!;
}

function status(item: ItemDraft, id: string): string | undefined {
  return item.criteria.find((c) => c.id === id)?.status;
}

const GROUP_ENTRIES = [
  "mri-lumbar", "mri-cervical", "mri-knee", "mri-shoulder", "mri-extremity", "ct-lumbar", "ct-cervical", "ct-extremity",
  "xray-spine", "xray-cervical", "xray-knee", "xray-shoulder", "xray-extremity", "emg-ncv-lower", "emg-ncv-upper", "emg-ncv",
  "tens", "h-wave", "interferential", "nmes", "mens", "cold-therapy-unit", "braces-lumbar-support", "braces-knee",
  "braces-wrist-splint", "braces-supports", "dme-mattress", "dme-ergonomic-workstation", "dme-mobility-aids",
];

describe("diagnostics and devices: the knowledge entries", () => {
  it.each(GROUP_ENTRIES)("%s has an MTUS or ODG citation, a summary and explained criteria", (id) => {
    const entry = kb.entries.find((e) => e.id === id);
    expect(entry, `entry ${id}`).toBeDefined();
    expect(entry!.citations[0]!.section.length).toBeGreaterThan(3);
    expect(["mtus", "acoem-odg"]).toContain(entry!.citations[0]!.searchStep);
    for (const c of entry!.citations) if (c.searchStep !== "mtus") expect(c.searchNote, `${id} explains why it leaves the MTUS`).toBeTruthy();
    expect(entry!.summary.length).toBeGreaterThan(60);
    for (const c of entry!.criteria) {
      expect(c.id.startsWith(`${id}.`)).toBe(true);
      expect(c.explain.met && c.explain.notMet && c.explain.notDocumented).toBeTruthy();
    }
  });

  it.each([
    ["MRI of the lumbar spine without contrast", "mri-lumbar"],
    ["Repeat MRI C-spine", "mri-cervical"],
    ["MRI left knee", "mri-knee"],
    ["MR arthrogram right shoulder", "mri-shoulder"],
    ["MRI right wrist", "mri-extremity"],
    ["CT scan of the lumbar spine", "ct-lumbar"],
    ["CT left ankle", "ct-extremity"],
    ["X-rays lumbar spine, flexion/extension views", "xray-spine"],
    ["X-ray cervical spine 3 views", "xray-cervical"],
    ["Bilateral knee x-rays", "xray-knee"],
    ["X-ray right shoulder", "xray-shoulder"],
    ["Right ankle radiographs", "xray-extremity"],
    ["EMG/NCS of the bilateral lower extremities", "emg-ncv-lower"],
    ["NCV/EMG right upper extremity", "emg-ncv-upper"],
    ["EMG/NCV bilateral upper and lower extremities", "emg-ncv"],
    ["TENS unit rental x 30 days", "tens"],
    ["Replacement electrodes for TENS unit x 3 months", "tens"],
    ["Home H-wave device 30-day trial", "h-wave"],
    ["Interferential unit purchase", "interferential"],
    ["NMES unit for home use", "nmes"],
    ["Microcurrent (MENS) unit", "mens"],
    ["Game Ready cold therapy unit rental 7 days", "cold-therapy-unit"],
    ["LSO back brace", "braces-lumbar-support"],
    ["Hinged knee brace", "braces-knee"],
    ["Cock-up wrist splint", "braces-wrist-splint"],
    ["Soft cervical collar", "braces-supports"],
    ["Orthopedic mattress", "dme-mattress"],
    ["Ergonomic chair and sit-stand desk", "dme-ergonomic-workstation"],
    ["Front-wheeled walker", "dme-mobility-aids"],
  ])("selects the right entry for %s", (request, entryId) => {
    expect(draft("", request).guidelineEntry).toBe(entryId);
  });
});

describe("spine MRI (ACOEM 2004 Chapters 8 and 12)", () => {
  it("upholds a lumbar MRI for axial back pain with a normal neurologic examination and no surgery planned", () => {
    const item = draft(
      "This 46-year-old female housekeeper hurt her lower back moving a bed on 2/11/2013. She was seen on 9/4/2013 for aching low back pain rated 6/10 without radiation into the legs. On examination there was tenderness over the lumbar paraspinals; motor strength was 5/5, sensation was intact to light touch, reflexes were 2+ and symmetric, and straight leg raising was negative. She is not interested in injections or surgery. The treating physician asked for a lumbar MRI.",
      "MRI lumbar spine",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("spine MRI");
    expect(item.guideline).toMatchObject({ pages: "303-304" });
    expect(item.guideline!.source).toMatch(/Chapter 12 Low Back Complaints/);
    expect(status(item, "mri-lumbar.indication")).toBe("not_documented");
    expect(status(item, "mri-lumbar.surgery-considered")).toBe("not_met");
    expect(item.rationale).toMatch(/is not medically necessary\.$/);
  });

  it("overturns a lumbar MRI for a dermatomal deficit that persisted through therapy when surgery is being discussed", () => {
    const item = draft(
      "A 39-year-old male roofer injured his low back on 1/6/2014 lifting shingles. Left leg pain radiating to the lateral foot has persisted despite 10 sessions of physical therapy, ibuprofen and a home exercise program. On the 3/20/2014 visit, examination revealed diminished left Achilles reflex, decreased sensation along the lateral foot, and positive straight leg raise on the left at 40 degrees. He has not had lumbar imaging. The spine surgeon is considering a microdiscectomy if a disc herniation is confirmed.",
      "MRI of the lumbar spine without contrast",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "mri-lumbar.indication")).toBe("met");
    expect(status(item, "mri-lumbar.failed-conservative-care")).toBe("met");
    expect(status(item, "mri-lumbar.surgery-considered")).toBe("met");
    expect(item.rationale).toMatch(/is medically necessary\.$/);
  });

  it("overturns a lumbar MRI for a new foot drop, a red flag that does not wait for conservative care", () => {
    const item = draft(
      "A 48-year-old male welder with low back pain since an injury on 5/5/2014 reports that over the last two weeks his left foot slaps and he catches his toes; a new left foot drop is noted. Exam 11/10/2014: left tibialis anterior 2/5, decreased sensation on the dorsum of the left foot. He has not had therapy yet.",
      "MRI lumbar spine",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "mri-lumbar.failed-conservative-care")).toBe("not_applicable");
  });

  it("reads strength, sensation and reflexes written one by one as a normal neurologic examination, unless one is abnormal", () => {
    const neuro = (text: string) =>
      extractFacts([{ document: "PR-2", pages: [text] }], kb.facts.filter((f) => f.id === "neurologicDeficit"), [], [], {}).get("neurologicDeficit")?.value;
    expect(neuro("Exam: cervical paraspinal tenderness, upper extremity strength 5/5 with sensation normal and reflexes 2+ bilaterally.")).toBe(false);
    expect(neuro("Motor full in both legs; light touch intact throughout, symmetric DTRs.")).toBe(false);
    expect(neuro("Strength is 5/5 and sensation intact, but the left patellar reflex is absent.")).toBe(true);
    expect(neuro("Sensation intact and reflexes symmetric; right EHL 4/5.")).toBe(true);
  });

  it("upholds a repeat cervical MRI when the symptoms are unchanged since the last study", () => {
    const item = draft(
      "The patient is a 55-year-old male bus driver with chronic neck pain since a collision on 7/2/2011. Cervical MRI on 10/5/2011 demonstrated multilevel spondylosis with mild C5-6 foraminal narrowing. At the 6/12/2014 follow-up he described neck pain with tingling in the right thumb, stable and unchanged over the past year. Spurling's test was positive on the right with decreased sensation in the right C6 dermatome. Therapy and medications have not helped. A new MRI of the neck was requested.",
      "Repeat MRI cervical spine",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("spine MRI");
    expect(item.guideline).toMatchObject({ pages: "177-178" });
    expect(status(item, "mri-cervical.repeat-needs-change")).toBe("not_met");
  });

  it("cites the ACOEM-based MTUS guideline, without 2004 pages, for a request made after 2017-12-01", () => {
    const item = draft("A 40-year-old man with neck pain.", "MRI cervical spine", "2018-03-01");
    expect(item.guideline!.source).toMatch(/Cervical and Thoracic Spine Disorders Guideline/);
    expect(item.guideline!.pages).toBeNull();
  });
});

describe("knee/shoulder MRI (ACOEM 2004 Chapters 13 and 9)", () => {
  it("overturns a knee MRI for catching and buckling with a positive McMurray after failed therapy", () => {
    const item = draft(
      "A 28-year-old female warehouse picker twisted her left knee on a pallet on 6/3/2015. She describes the knee catching and buckling on stairs. On 8/1/2015 the exam revealed joint-line tenderness laterally and a positive McMurray test. Eight visits of physical therapy and naproxen have failed to relieve her symptoms. Plain films were unremarkable.",
      "MRI left knee",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("knee/shoulder MRI");
    expect(item.guideline).toMatchObject({ pages: "341-343" });
    expect(status(item, "mri-knee.suspected-derangement")).toBe("met");
  });

  it("reads conservative care already given, with symptoms still there weeks after the injury, as care that has not resolved them", () => {
    const summary = (injured: string) =>
      `A 31-year-old male electrician injured his right knee on ${injured} kneeling in a crawl space. He has been managed with a hinged brace, meloxicam and a home exercise program. ` +
      "At the visit on 9/22/2014 he reports that the knee catches and buckles on ladders. Exam: lateral joint line tenderness and a positive Thessaly test. The orthopedist is considering arthroscopic surgery.";
    const weeksLater = draft(summary("7/28/2014"), "MRI right knee without contrast");
    expect(status(weeksLater, "mri-knee.failed-conservative-care")).toBe("met");
    expect(weeksLater.decision).toBe("Overturned");
    const daysLater = draft(summary("9/12/2014"), "MRI right knee without contrast");
    expect(status(daysLater, "mri-knee.failed-conservative-care")).not.toBe("met");
    expect(daysLater.decision).toBe("Upheld");
  });

  it("upholds a knee MRI for diffuse knee ache without mechanical symptoms or derangement signs", () => {
    const item = draft(
      "This 52-year-old male custodian reports right knee aching after prolonged standing since an injury on 3/3/2015. He denies locking, catching or giving way. Exam on 5/10/2015 shows full range of motion, no effusion, stable ligaments, and negative McMurray testing. He has not yet started physical therapy.",
      "MRI right knee",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "mri-knee.suspected-derangement")).not.toBe("met");
  });

  it("overturns a shoulder MRI for external rotation weakness and a positive drop-arm sign after a failed strengthening program", () => {
    const item = draft(
      "A 61-year-old male electrician fell from a ladder onto his right shoulder on 2/2/2016. Despite six weeks of a rotator cuff strengthening program and a subacromial injection, he cannot raise the arm overhead. On 4/4/2016 exam showed external rotation strength 3/5 and a positive drop-arm test. A full-thickness rotator cuff tear is suspected and orthopedic surgical consultation was discussed.",
      "MRI of the right shoulder",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.guideline).toMatchObject({ pages: "207-209" });
    expect(status(item, "mri-shoulder.indication")).toBe("met");
    expect(status(item, "mri-shoulder.failed-conservative-care")).toBe("met");
  });

  it("upholds a shoulder MRI for impingement with full strength and no planned procedure", () => {
    const item = draft(
      "A 45-year-old female cashier has right shoulder pain from repetitive reaching, date of injury 9/9/2013. On 1/15/2014 she had a positive Hawkins sign, 5/5 strength throughout the rotator cuff, and a normal neurovascular exam. She declined injections. The request is for an MRI of the shoulder to evaluate the rotator cuff.",
      "MRI right shoulder",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "mri-shoulder.indication")).toBe("not_documented");
  });

  it("reads a failure to improve with a rotator cuff strengthening program as failed conservative care", () => {
    const item = draft(
      "A 58-year-old male mechanic hurt his right shoulder lifting a transmission on 3/2/2015. He completed ten sessions of therapy and took ibuprofen. On 6/10/2015 the surgeon documented failure to improve with the rotator cuff strengthening program, 3/5 external rotation strength with a positive drop-arm sign, and said arthroscopic repair would be considered depending on the study.",
      "MRI right shoulder",
    );
    expect(status(item, "mri-shoulder.failed-conservative-care")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });
});

describe("CT and X-rays", () => {
  it("overturns a lumbar CT to assess a fusion for nonunion when revision surgery is being considered", () => {
    const item = draft(
      "A 58-year-old male welder is status post L4-5 fusion on 3/1/2014 for an industrial injury of 5/5/2012. By 11/2/2014 his back pain had returned despite therapy and medications, and flexion-extension films suggest possible motion at the fusion level. The surgeon requests CT to evaluate for nonunion and is considering revision surgery.",
      "CT scan lumbar spine",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("CT scan");
    expect(status(item, "ct-lumbar.indication")).toBe("met");
  });

  it("upholds a lumbar CT for chronic axial pain with a normal examination", () => {
    const item = draft(
      "A 44-year-old woman has had chronic low back pain since 2010. On 4/2/2014 her neurologic exam was intact and she had no red flags. No procedure is planned.",
      "CT lumbar spine",
    );
    expect(item.decision).toBe("Upheld");
  });

  it("upholds lumbar x-rays for chronic nonspecific back pain without red flags", () => {
    const item = draft(
      "A 33-year-old male stocker has had low back pain since lifting boxes on 8/8/2014. On 1/10/2015 he reported no new injury. There are no red flags: no fever, weight loss, or bowel or bladder changes. Neurologic examination was normal. X-rays of the lumbar spine were ordered for his persistent pain.",
      "X-ray lumbar spine 3 views",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("spine X-ray");
    expect(item.guideline).toMatchObject({ pages: "303" });
  });

  it("overturns lumbar flexion-extension x-rays to assess suspected instability from spondylolisthesis", () => {
    const item = draft(
      "A 50-year-old female nurse's aide with low back pain since 2/2/2015 was found to have a grade 1 spondylolisthesis at L4-5 on MRI. Her surgeon requested flexion-extension views on 6/1/2015 to assess for instability before deciding on surgery.",
      "Flexion/extension x-rays lumbar spine",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "xray-spine.indication")).toBe("met");
  });

  it("overturns knee x-rays after a fall with an effusion and inability to bear weight", () => {
    const item = draft(
      "A 47-year-old male delivery driver slipped on ice on 1/20/2016 and struck his left knee. The next day he had a large effusion, tenderness over the patella, and was unable to bear weight.",
      "X-ray left knee",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("extremity X-ray");
    expect(item.guideline).toMatchObject({ pages: "341-343" });
  });

  it("upholds shoulder x-rays in the first weeks of a strain without a red flag", () => {
    const item = draft(
      "A 30-year-old female barista strained her right shoulder lifting a milk crate on 4/1/2015 and was seen on 4/8/2015. She has full range of motion and no instability; there is no history of trauma or dislocation.",
      "X-ray right shoulder",
    );
    expect(item.decision).toBe("Upheld");
  });
});

describe("electrodiagnostic testing (EMG/NCV)", () => {
  it("overturns upper-extremity EMG/NCV to separate ulnar entrapment from C8 radiculopathy after weeks of failed care", () => {
    const item = draft(
      "A 50-year-old male machinist has had numbness of the left ring and little fingers and medial forearm pain since 10/1/2014. Elbow pads, activity modification and therapy have not improved it over 10 weeks. On 12/15/2014 Tinel's sign was positive at the cubital tunnel and grip was weak; neck motion is painful. Testing was requested to distinguish cubital tunnel syndrome from a cervical radiculopathy.",
      "EMG/NCV left upper extremity",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("electrodiagnostic testing (EMG/NCV)");
    expect(item.guideline!.source).toMatch(/Chapter 11 Forearm, Wrist, and Hand Complaints/);
    expect(status(item, "emg-ncv-upper.focal-neurologic-findings")).toBe("met");
  });

  it("upholds lower-extremity EMG/NCV when radiculopathy is already plain on examination and MRI", () => {
    const item = draft(
      "A 42-year-old female nursing assistant has right leg pain since 3/5/2014. MRI on 5/2/2014 revealed a right L5-S1 disc extrusion compressing the right S1 nerve root. On 7/1/2014 the right ankle reflex was absent, with decreased sensation over the lateral foot and positive straight leg raise. The EMG was requested to confirm the radiculopathy.",
      "EMG/NCV bilateral lower extremities",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guideline).toMatchObject({ pages: "303" });
    expect(status(item, "emg-ncv-lower.radiculopathy-not-obvious")).toBe("met");
  });

  it("upholds a repeat leg study when an earlier one is on record and nothing has changed, but not after new findings", () => {
    const base =
      "A 52-year-old female housekeeper who injured her back on 4/4/2012 has intermittent numbness of the right foot. Nerve conduction studies and EMG done in 6/2013 were within normal limits. ";
    const same = draft(`${base}At the 2/2/2015 visit the foot numbness is the same as it has been for two years, and the symptoms are unchanged.`, "EMG/NCS right lower extremity");
    expect(status(same, "emg-ncv-lower.repeat-without-change")).toBe("met");
    expect(same.decision).toBe("Upheld");
    const worse = draft(`${base}At the 2/2/2015 visit she has new weakness of right ankle dorsiflexion graded 4/5 and the numbness has spread to the calf.`, "EMG/NCS right lower extremity");
    expect(status(worse, "emg-ncv-lower.repeat-without-change")).toBe("not_met");
    expect(worse.decision).toBe("Overturned");
    const never = draft("Injured 3/3/2014. Left leg tingling since then; she has never had an EMG. Exam on 6/6/2014 shows an absent left ankle reflex.", "EMG left lower extremity");
    expect(status(never, "emg-ncv-lower.repeat-without-change")).toBe("not_applicable");
  });

  it("upholds EMG/NCV when the patient denies radiating symptoms and the examination is normal", () => {
    const item = draft(
      "A 36-year-old male cook with back pain since 1/4/2015 was seen on 4/4/2015. He denies leg pain, numbness or tingling. Neurologic examination is normal.",
      "EMG/NCS lower extremities",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "emg-ncv-lower.focal-neurologic-findings")).not.toBe("met");
  });

  it("does not read radiculopathy named as the question the study should answer as a radicular symptom", () => {
    const item = draft(
      "A 39-year-old warehouse worker has had low back pain since 10/2014 with a dull ache across the belt line. Seen 4/4/2015. " +
        "Strength, sensation and reflexes are normal in both legs. Indication for the nerve study: assess for radiculopathy.",
      "EMG/NCV of both legs",
    );
    expect(status(item, "emg-ncv-lower.focal-neurologic-findings")).not.toBe("met");
    expect(item.decision).toBe("Upheld");
    const radiating = draft(
      "A 52-year-old roofer has had sciatica-type pain into the right calf since 2014 and a positive straight leg raise on the right. Seen 4/4/2015. EMG/NCS to rule out lumbar radiculopathy.",
      "EMG/NCS right lower extremity",
    );
    expect(status(radiating, "emg-ncv-lower.focal-neurologic-findings")).toBe("met");
  });

  it("upholds EMG/NCV for obvious radiculopathy even when the other leg is said to have a normal neurologic exam", () => {
    const item = draft(
      "A 50-year-old female nurse aide has had low back and left leg pain since lifting a patient on 2/3/2016. Lumbar MRI of 4/1/2016 showed an L5-S1 herniation compressing the left S1 nerve root. On 5/20/2016 she had an absent left ankle jerk, 4/5 left plantar flexion and a positive left straight leg raise. Neurologic examination is intact on the right. Electrodiagnostic testing of both legs was requested.",
      "EMG/NCS bilateral lower extremities",
    );
    expect(status(item, "emg-ncv-lower.radiculopathy-not-obvious")).toBe("met");
    expect(item.decision).toBe("Upheld");
  });
});

describe("TENS unit (MTUS Chronic Pain pp. 114-116)", () => {
  it("overturns purchase after a documented successful home trial for CRPS within an exercise program", () => {
    const item = draft(
      "This 41-year-old female packer developed complex regional pain syndrome of the right hand after a crush injury on 4/4/2013. Gabapentin caused dizziness and therapy alone gave limited relief. She continues her home exercise program. During a one-month TENS rental she used the unit twice daily, and the TENS reduced her pain from 8/10 to 5/10 and allowed her to cut her tramadol use in half. Goals are to grip and type for 30 minutes. Purchase was requested on 3/3/2014.",
      "TENS unit purchase",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("TENS unit");
    expect(item.guideline).toMatchObject({ pages: "114-116" });
    expect(status(item, "tens.successful-trial")).toBe("met");
  });

  it("upholds a TENS rental for nonspecific neck pain with no failed treatments, program or goals", () => {
    const item = draft(
      "A 29-year-old male clerk has neck pain after a minor fall on 3/3/2014. He takes ibuprofen with good effect. The 9/9/2014 note documents a TENS rental request.",
      "TENS unit rental x 30 days",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "tens.indicated-condition")).toBe("not_documented");
  });

  it("recognises therapy attended several times a week as the active program a TENS trial supports", () => {
    const item = draft(
      "A 45-year-old female nurse has had CRPS of the left foot since a crush injury on 2/2/2013. Gabapentin and nortriptyline did not help. She goes to physical therapy 3 times per week for desensitization and balance training. A one-month TENS rental is requested with goals of standing 30 minutes and sleeping through the night. Seen 6/6/2014.",
      "TENS unit rental x 1 month",
    );
    expect(status(item, "tens.adjunct-to-active-program")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds a TENS rental longer than the one-month trial", () => {
    const item = draft(
      "A 51-year-old male with lumbar radiculopathy since an injury on 2/2/2012 failed gabapentin and physical therapy. He does a home exercise program, and goals are to walk 30 minutes. Seen 5/5/2014.",
      "TENS unit rental x 3 months",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "tens.one-month-trial")).toBe("not_met");
  });
});

describe("H-wave, interferential, NMES and MENS (MTUS Chronic Pain pp. 117-121)", () => {
  it("overturns an H-wave trial after TENS failed for diabetic neuropathy within a home program", () => {
    const item = draft(
      "A 57-year-old male driver has painful diabetic peripheral neuropathy aggravated by a foot crush injury on 6/6/2013. Physical therapy and medications gave limited relief, and a TENS trial provided no benefit. He continues a home exercise program. A 30-day home H-wave trial was requested on 2/2/2014.",
      "Home H-wave device 30-day trial",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("H-wave stimulation");
    expect(status(item, "h-wave.failed-tens-trial")).toBe("met");
  });

  it("upholds H-wave purchase when no TENS trial is documented", () => {
    const item = draft("A 45-year-old female with chronic low back pain since 2012 requested an H-wave unit on 5/5/2014.", "H-wave unit purchase");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "h-wave.failed-tens-trial")).toBe("not_documented");
  });

  it("overturns a one-month interferential rental for a patient who cannot tolerate medications and exercises at home", () => {
    const item = draft(
      "A 48-year-old female with chronic lumbar pain since 1/1/2013 could not tolerate NSAIDs because of gastritis, and opioids caused sedation. She continues a home exercise program. A one-month interferential unit rental was requested on 3/3/2014.",
      "Interferential unit rental x 30 days",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("interferential current stimulation");
    expect(status(item, "interferential.patient-selection")).toBe("met");
  });

  it("upholds interferential purchase without a trial", () => {
    const item = draft("A 38-year-old male with chronic neck pain since 2013 does a home exercise program and had gastritis from NSAIDs. Seen 4/4/2014.", "IF unit purchase");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "interferential.successful-trial")).toBe("not_documented");
  });

  it("upholds an NMES unit for chronic back pain and overturns it for rehabilitation after a stroke", () => {
    const back = draft("A 50-year-old male with chronic low back pain since 2011. Seen 3/3/2014.", "NMES unit");
    expect(back.decision).toBe("Upheld");
    expect(back.treatmentFamily).toBe("neuromuscular electrical stimulation (NMES)");
    const stroke = draft("A 62-year-old male suffered a work-related stroke on 1/1/2014 with right hemiparesis; NMES is part of his rehabilitation. Seen 3/3/2014.", "NMES unit");
    expect(stroke.decision).toBe("Overturned");
  });

  it("upholds a microcurrent device even with documented benefit, since the guideline does not recommend it", () => {
    const item = draft("A 45-year-old woman with chronic neck pain reports the microcurrent unit helped her pain. Seen 3/3/2014.", "Microcurrent (MENS) unit purchase");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "mens.not-recommended")).toBe("met");
  });
});

describe("hot/cold therapy units (ODG, the MTUS being silent on mechanical units)", () => {
  it("overturns a 7-day cold therapy rental after arthroscopic shoulder surgery", () => {
    const item = draft(
      "A 53-year-old male carpenter is scheduled for right shoulder arthroscopic rotator cuff repair on 5/12/2015, which has been authorized.",
      "Cold therapy unit rental x 7 days post-op",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("hot/cold therapy unit");
    expect(item.guideline!.searchStep).toBe("acoem-odg");
    expect(item.rationale).toMatch(/MTUS does not address/);
  });

  it("upholds a 30-day rental after surgery and a unit for non-surgical back pain", () => {
    const long = draft("A 44-year-old female underwent left knee arthroscopy on 6/1/2015.", "Cold therapy unit rental x 30 days");
    expect(long.decision).toBe("Upheld");
    expect(status(long, "cold-therapy-unit.seven-days")).toBe("not_met");
    const nonSurgical = draft("A 39-year-old male with chronic low back pain since 2013; no surgery is planned. Seen 2/2/2015.", "Hot/cold therapy unit purchase");
    expect(nonSurgical.decision).toBe("Upheld");
    expect(status(nonSurgical, "cold-therapy-unit.no-purchase")).toBe("met");
  });
});

describe("braces and supports (ACOEM 2004 Chapters 11-13)", () => {
  it("upholds a lumbar brace for chronic low back pain without instability", () => {
    const item = draft("A 47-year-old female with low back pain since a lifting injury on 3/3/2012 was seen on 5/5/2014. Imaging shows degenerative disc disease without spondylolisthesis.", "LSO back brace");
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("brace or orthotic");
    expect(item.guideline).toMatchObject({ pages: "301" });
  });

  it("overturns a lumbar brace for a new compression fracture", () => {
    const item = draft("A 66-year-old male fell from a truck on 9/1/2015 and sustained an L1 compression fracture. Seen 9/10/2015.", "Lumbar support brace");
    expect(item.decision).toBe("Overturned");
  });

  it("overturns a knee brace for an ACL tear with giving way and upholds one for patellofemoral pain with a stable knee", () => {
    const acl = draft("A 31-year-old male firefighter sustained a left ACL tear on 3/3/2015; the knee gives way on ladders. Seen 4/4/2015.", "Hinged knee brace");
    expect(acl.decision).toBe("Overturned");
    expect(acl.guideline).toMatchObject({ pages: "340" });
    const pfps = draft("A 40-year-old female has anterior knee pain from kneeling since 2013. Ligaments are stable. Seen 4/4/2015.", "Knee brace");
    expect(pfps.decision).toBe("Upheld");
  });

  it("overturns a night wrist splint for carpal tunnel syndrome and upholds one for nonspecific forearm pain", () => {
    const cts = draft("A 35-year-old female typist has numbness in the median nerve distribution with a positive Phalen's test; diagnosis is carpal tunnel syndrome. Seen 4/4/2015.", "Wrist splint");
    expect(cts.decision).toBe("Overturned");
    expect(cts.guideline).toMatchObject({ pages: "264-265" });
    const vague = draft("A 35-year-old female has diffuse forearm aching since 2012. Seen 4/4/2015.", "Wrist brace");
    expect(vague.decision).toBe("Upheld");
  });
});

describe("other durable medical equipment", () => {
  it("upholds an orthopedic mattress, citing the ODG because the MTUS is silent", () => {
    const item = draft("A 50-year-old male with chronic low back pain says a firmer mattress helps his sleep. Seen 4/4/2015.", "Orthopedic mattress");
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("durable medical equipment");
    expect(item.guideline!.searchStep).toBe("acoem-odg");
  });

  it("overturns an ergonomic chair for a data entry worker and upholds it when no workstation need is shown", () => {
    const desk = draft("A 42-year-old female data entry clerk with neck and wrist pain works at a computer 8 hours a day; an ergonomic evaluation recommended an adjustable chair. Seen 4/4/2015.", "Ergonomic chair");
    expect(desk.decision).toBe("Overturned");
    const none = draft("A 42-year-old male roofer with neck pain since 2013. Seen 4/4/2015.", "Ergonomic chair");
    expect(none.decision).toBe("Upheld");
  });

  it("overturns a walker for an unsteady, antalgic gait and upholds a cane when gait is normal", () => {
    const walker = draft("A 70-year-old female with knee osteoarthritis has an antalgic, unsteady gait and two falls this year. Seen 4/4/2015.", "Front-wheeled walker");
    expect(walker.decision).toBe("Overturned");
    const cane = draft("A 45-year-old male with low back pain walks with a normal gait and no assistive device. Seen 4/4/2015.", "Cane");
    expect(cane.decision).toBe("Upheld");
  });
});
