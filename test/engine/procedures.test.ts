import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/adapters/knowledge/load-knowledge-base.ts";
import { extractFacts, levelsPattern } from "../../src/domain/facts/extract.ts";
import type { Check } from "../../src/domain/guidelines/types.ts";
import { evaluateCheck } from "../../src/domain/review/evaluate.ts";
import { draftCase, type ItemDraft } from "../../src/domain/review/draft.ts";
import { parseRequest } from "../../src/domain/requests/parse-request.ts";

const kb = loadKnowledgeBase();

function draft(caseSummary: string, request: string): ItemDraft {
  return draftCase(kb, { caseSummary, items: [{ request }] }).items[0]!;
}

function statusOf(item: ItemDraft, suffix: string): string | undefined {
  return item.criteria.find((c) => c.id === `${item.guidelineEntry}.${suffix}`)?.status;
}

describe("generic checks added for procedures", () => {
  const request = parseRequest("Left L4-5 and L5-S1 transforaminal epidural steroid injection under fluoroscopy", kb.drugs);
  const facts = extractFacts(
    [{ document: "Case summary", pages: ["MRI showed an L5-S1 protrusion contacting the S1 root. EMG was not done."] }],
    kb.facts,
    ["epidural"],
    [],
    {},
    request.levels ?? [],
  );
  const ctx = { facts, request, caseFacts: {} };
  const value = (check: Check) => evaluateCheck(check, ctx).value;

  it("compares a list field of the request by its length", () => {
    expect(value({ request: "levels", op: "<=", value: 2 })).toBe(true);
    expect(value({ request: "levels", op: "<=", value: 1 })).toBe(false);
  });

  it("tells whether the request as written names a word, never leaving it undecided", () => {
    expect(value({ requestMentions: ["transforaminal"] })).toBe(true);
    expect(value({ requestMentions: ["interlaminar", "caudal"] })).toBe(false);
    expect(value({ requestMentions: ["fluoro"] })).toBe(false);
  });

  it("tells whether the record mentions a fact at all, where an absent fact would otherwise be undecided", () => {
    expect(value({ fact: "imagingNerveRootPathology", documented: true })).toBe(true);
    expect(value({ fact: "crpsDiagnosis", documented: true })).toBe(false);
    expect(value({ fact: "crpsDiagnosis", is: true })).toBeUndefined();
  });

  it("scopes a fact to sentences naming a requested level, however the level is written", () => {
    expect(facts.get("imagingPathologyAtLevel")?.value).toBe(true);
    const pattern = new RegExp(levelsPattern(["L4-5", "L5-S1"])!, "i");
    expect(["L4-L5", "L4/5", "l5-s1", "L5/S1"].every((t) => pattern.test(t))).toBe(true);
    expect(pattern.test("L3-4")).toBe(false);
    const elsewhere = extractFacts([{ document: "MRI", pages: ["MRI shows a C5-6 herniation."] }], kb.facts, [], [], {}, ["L4-5"]);
    expect(elsewhere.has("imagingPathologyAtLevel")).toBe(false);
    expect(elsewhere.get("imagingNamesLevel")?.value).toBe(true);
  });
});

describe("epidural steroid injection", () => {
  it("overturns a first transforaminal injection for MRI-confirmed radiculopathy after failed conservative care", () => {
    const item = draft(
      "This 39-year-old female warehouse worker injured her low back on 02/11/2014. She reports right buttock pain radiating down the posterolateral thigh into the right calf. Exam on 08/20/2014: diminished right Achilles reflex, decreased pinprick sensation in the right S1 dermatome and a positive seated straight leg raise on the right. MRI of the lumbar spine dated 05/02/2014 demonstrated a right paracentral disc extrusion at L5-S1 displacing the right S1 nerve root. Despite eight sessions of physical therapy, ibuprofen and tizanidine, her pain remains 8/10. No prior epidural injections.",
      "Right L5-S1 transforaminal ESI with fluoroscopic guidance",
    );
    expect(item.treatmentFamily).toBe("epidural steroid injection");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline).toMatchObject({ source: "MTUS Chronic Pain Medical Treatment Guidelines", pages: "46" });
    expect(statusOf(item, "radiculopathy-on-exam")).toBe("met");
    expect(statusOf(item, "corroborated")).toBe("met");
    expect(statusOf(item, "repeat-relief")).toBe("not_applicable");
    expect(item.rationale).toMatch(/is medically necessary\.$/);
  });

  it("reads ongoing pain after a listed course of conservative care as a failed course", () => {
    const item = draft(
      "A 52-year-old carpenter has left leg pain into the medial shin since a fall from a ladder on 9/9/2014. He completed therapy, naproxen and a home program over four months, but has ongoing 6/10 radiating leg pain. " +
        "Exam on 2/2/2015: diminished left patellar reflex, decreased sensation in the left L4 dermatome and weak left knee extension. MRI dated 12/1/2014 shows a left L3-4 foraminal disc protrusion compressing the left L4 nerve root.",
      "Left L3-4 transforaminal ESI under fluoroscopy",
    );
    expect(statusOf(item, "failed-conservative-care")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("reads a deficit listed before a finding that opens with 'negative' or 'absent' as present", () => {
    const item = draft(
      "A 51-year-old male roofer injured his back on 9/14/2013 and has right leg pain into the dorsum of the foot. Examination on 3/2/2015: diminished sensation over the right L5 dermatome, negative femoral nerve stretch, 4/5 right EHL. CT myelogram showed a right L4-5 foraminal herniation impinging the exiting L5 root. He has failed eight chiropractic visits and meloxicam.",
      "Right L4-5 transforaminal epidural steroid injection with fluoroscopy",
    );
    expect(statusOf(item, "radiculopathy-on-exam")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds an injection for axial back pain with a normal neurologic exam and no imaging", () => {
    const item = draft(
      "A 52-year-old male driver has had chronic low back pain since a 2012 lifting injury. Pain is axial, without radiation into the legs. Neurologic examination is intact; straight leg raise is negative bilaterally. He takes naproxen and walks daily.",
      "Lumbar epidural steroid injection L4-5",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "radiculopathy-on-exam")).toBe("not_met");
    expect(statusOf(item, "corroborated")).toBe("not_documented");
    expect(item.rationale).toMatch(/not medically necessary\.$/);
  });

  it("upholds a request for the side opposite the documented radicular findings", () => {
    const item = draft(
      "Injured 3/3/2013. Left leg pain radiating to the left foot with decreased sensation over the left L5 dermatome and positive left SLR. MRI shows a left L4-5 protrusion compressing the left L5 root. Failed PT and NSAIDs.",
      "Right L4-5 transforaminal epidural steroid injection",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "side-matches")).toBe("met");
  });

  it("upholds injections at levels other than those where imaging shows the lesion", () => {
    const item = draft(
      "Injured 1/5/2014. Right leg radicular pain with right EHL weakness 4/5. MRI dated 3/1/2014 shows an L5-S1 herniation impinging the right S1 root; L2-3 and L3-4 are unremarkable. He failed physical therapy.",
      "Right L2-3, L3-4 transforaminal epidural steroid injection",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "level-matches-imaging")).toBe("met");
  });

  it("overturns a repeat injection after 60% relief for two months with less medication and better function", () => {
    const item = draft(
      "A 47-year-old male injured his back on 4/4/2012. He underwent a left L4-5 transforaminal ESI on 1/10/2015 and reported 60% relief lasting 2 months. He was able to cut back on his Norco from four to two tablets a day, and his walking tolerance improved from 10 to 30 minutes. Pain has now returned with left leg numbness in the L5 distribution and a positive left straight leg raise; MRI of 2014 showed a left L4-5 herniation with L5 nerve root compression.",
      "Repeat left L4-5 transforaminal epidural steroid injection",
    );
    expect(item.decision).toBe("Overturned");
    expect(statusOf(item, "repeat-relief")).toBe("met");
    expect(statusOf(item, "repeat-medication-reduction")).toBe("met");
  });

  it("upholds more than one interlaminar level in a session", () => {
    const item = draft(
      "Injured 6/6/2013. Bilateral leg radiculopathy with decreased reflexes; MRI showed stenosis at L3-4 and L4-5 compressing the nerve roots. Failed conservative care.",
      "Interlaminar epidural steroid injection L3-4 and L4-5",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "levels")).toBe("not_met");
  });

  it("reads deficits listed after an absent reflex as radiculopathy on examination", () => {
    const item = draft(
      "A 44-year-old male carpenter has left leg pain since a fall on 3/3/2015. MRI dated 5/1/2015 showed a left L4-5 disc extrusion compressing the traversing left L5 nerve root. He completed eight therapy visits and a course of ibuprofen with minimal relief. Examination on 7/7/2015 showed an absent left medial hamstring reflex and diminished sensation on the dorsum of the left foot. He has not had an epidural injection before. A left L4-5 transforaminal epidural steroid injection under fluoroscopy was requested.",
      "Left L4-5 transforaminal epidural steroid injection under fluoroscopy",
    );
    expect(statusOf(item, "radiculopathy-on-exam")).toBe("met");
  });
});

describe("facet injections and medial branch blocks", () => {
  it("overturns a diagnostic medial branch block at two levels for facet-mediated axial pain after failed therapy", () => {
    const item = draft(
      "A 58-year-old female clerk injured her low back on 9/12/2013. She has axial low back pain, worse with lumbar extension and rotation, with tenderness over the L4-5 and L5-S1 facets. There are no radicular symptoms and the neurologic exam is normal. MRI shows facet arthropathy at L4-5 and L5-S1. Pain persists despite 12 sessions of physical therapy, a home exercise program and meloxicam.",
      "Bilateral L4-5 and L5-S1 medial branch blocks",
    );
    expect(item.treatmentFamily).toBe("facet injection/medial branch block");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.pages).toBe("300-301");
    expect(statusOf(item, "facet-mediated-pain")).toBe("met");
    expect(statusOf(item, "non-radicular")).toBe("not_met");
  });

  it("upholds facet injections for radiating leg pain", () => {
    const item = draft(
      "Injured 2/2/2014. Low back pain radiating down the left leg to the foot, diagnosed as lumbar radiculopathy; facet tenderness at L5-S1. He failed physical therapy.",
      "Left L5-S1 facet injection",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "non-radicular")).toBe("met");
  });
});

describe("radiofrequency ablation", () => {
  it("overturns a first neurotomy after an 80% response to medial branch blocks, with exercise continuing", () => {
    const item = draft(
      "Injured 5/5/2013. Chronic axial low back pain without radicular symptoms; facet loading is positive bilaterally at L4-5. Bilateral L4-5 medial branch blocks on 2/3/2015 gave 80% relief for six hours. Conservative care failed. She continues her home exercise program.",
      "Bilateral L4-5 radiofrequency ablation",
    );
    expect(item.treatmentFamily).toBe("radiofrequency ablation");
    expect(item.decision).toBe("Overturned");
    expect(statusOf(item, "positive-diagnostic-block")).toBe("met");
  });

  it("upholds a neurotomy with no diagnostic block documented", () => {
    const item = draft(
      "Injured 5/5/2013. Chronic low back pain with facet arthropathy on MRI. She does home exercises.",
      "Radiofrequency neurotomy L4-5, L5-S1",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "positive-diagnostic-block")).toBe("not_documented");
  });
});

describe("trigger point injections", () => {
  it("overturns injections for trigger points with twitch and referred pain after failed medical management", () => {
    const item = draft(
      "A 41-year-old female data entry clerk injured her neck and upper back on 3/14/2013. Examination on 10/2/2014 found discrete trigger points in the right upper trapezius with a local twitch response and pain referred to the occiput on palpation. She has no radicular symptoms. Stretching, physical therapy, naproxen and cyclobenzaprine have failed to control the pain.",
      "Trigger point injections right trapezius x 3",
    );
    expect(item.treatmentFamily).toBe("trigger point injection");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.pages).toBe("122");
    expect(statusOf(item, "twitch-and-referred-pain")).toBe("met");
  });

  it("upholds injections for diffuse tenderness with radiculopathy", () => {
    const item = draft(
      "Injured 3/14/2013. Diffuse tenderness of the cervical paraspinals without a twitch response. She has cervical radiculopathy with numbness into the right hand. Physical therapy did not help.",
      "Trigger point injections cervical paraspinals",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "twitch-and-referred-pain")).toBe("not_met");
    expect(statusOf(item, "no-radiculopathy")).toBe("met");
  });

  it("counts a stated duration of symptoms when no injury date is given, and short-lived relief as failed care", () => {
    const item = draft(
      "A 52-year-old male janitor has had myofascial pain of the left levator scapulae and rhomboid for the past 7 months. Exam 6/2/2015: a palpable taut band in the left rhomboid gives a twitch and pain referring to the shoulder blade. Six sessions of therapy with stretching, ibuprofen and tizanidine gave only short-lived relief. No radicular symptoms.",
      "Trigger point injection left rhomboid x2",
    );
    expect(statusOf(item, "symptoms-over-3-months")).toBe("met");
    expect(statusOf(item, "failed-medical-management")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });
});

describe("sacroiliac joint injection", () => {
  it("overturns a fluoroscopic SI block with three positive provocative tests after other generators were ruled out", () => {
    const item = draft(
      "Injured 7/7/2014 in a fall. Right buttock pain below L5. On exam FABER, Gaenslen and thigh thrust tests are positive on the right. Facet and disc pathology were ruled out by MRI and a negative medial branch block. She failed six weeks of physical therapy and NSAIDs.",
      "Right sacroiliac joint injection under fluoroscopy",
    );
    expect(item.treatmentFamily).toBe("sacroiliac joint injection");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.searchStep).toBe("acoem-odg");
    expect(item.rationale).toMatch(/MTUS does not address/);
  });

  it("upholds an SI block with only one positive test", () => {
    const item = draft("Injured 7/7/2014. Low back pain; only one positive provocative SI test (FABER). PT failed.", "Left SI joint injection");
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "three-provocative-tests")).toBe("not_met");
  });
});

describe("hyaluronic acid injections", () => {
  it("overturns viscosupplementation for severe knee osteoarthritis after failed NSAIDs, exercise and cortisone", () => {
    const item = draft(
      "A 61-year-old male mechanic injured his right knee on 4/2/2012. Standing x-rays show severe medial compartment osteoarthritis with bone-on-bone contact. He had a cortisone injection in the right knee in 2014 with only two weeks of benefit, and symptoms persist despite physical therapy and naproxen.",
      "Synvisc-One injection right knee",
    );
    expect(item.treatmentFamily).toBe("viscosupplementation (hyaluronic acid)");
    expect(item.decision).toBe("Overturned");
    expect(statusOf(item, "severe-knee-osteoarthritis")).toBe("met");
  });

  it("upholds hyaluronic acid for the shoulder", () => {
    const item = draft(
      "Injured 4/2/2012. Severe glenohumeral osteoarthritis; failed NSAIDs and therapy; had steroid injections.",
      "Hyaluronic acid injection left shoulder",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "knee-only")).toBe("met");
  });
});

describe("platelet-rich plasma", () => {
  it("overturns a single injection for chronic lateral epicondylitis after failed eccentric-loading therapy", () => {
    const item = draft(
      "Injured 1/9/2014. Chronic right lateral epicondylitis for over a year. Pain persists despite eight sessions of physical therapy with eccentric loading and stretching, a counterforce brace and NSAIDs.",
      "PRP injection right elbow",
    );
    expect(item.treatmentFamily).toBe("platelet-rich plasma injection");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds platelet-rich plasma for the knee as still under study", () => {
    const item = draft("Injured 1/9/2014. Right knee osteoarthritis; physical therapy failed.", "Platelet rich plasma injection right knee");
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "supported-indication")).toBe("not_met");
  });
});

describe("sympathetic blocks", () => {
  it("overturns a stellate ganglion block for established CRPS given to facilitate therapy", () => {
    const item = draft(
      "A 35-year-old female injured her left wrist on 6/1/2014. She was diagnosed with complex regional pain syndrome of the left upper extremity, with allodynia, edema, mottled skin and a temperature asymmetry. The block is requested to facilitate participation in occupational therapy and desensitization.",
      "Left stellate ganglion block",
    );
    expect(item.treatmentFamily).toBe("sympathetic block");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.pages).toBe("39-40, 103-104");
  });

  it("upholds a block when CRPS is only suspected", () => {
    const item = draft(
      "Injured 6/1/2014. Right foot pain; possible CRPS versus neuropathic pain. No rehabilitation is planned.",
      "Lumbar sympathetic block right",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "crps-diagnosis")).toBe("not_met");
  });
});

describe("spinal cord stimulator", () => {
  it("overturns a trial for failed back surgery syndrome with leg pain after psychological clearance", () => {
    const item = draft(
      "A 50-year-old male had an L4-5 fusion in 2012 and now has failed back surgery syndrome with persistent radicular leg pain. Medications, therapy and injections have failed. A psychological evaluation on 3/3/2015 cleared him as an appropriate candidate.",
      "Spinal cord stimulator trial",
    );
    expect(item.treatmentFamily).toBe("spinal cord stimulator");
    expect(item.decision).toBe("Overturned");
    expect(statusOf(item, "successful-trial")).toBe("not_applicable");
  });

  it("upholds a permanent implant without psychological clearance or a trial", () => {
    const item = draft("A 50-year-old with failed back surgery syndrome; conservative care failed.", "Permanent spinal cord stimulator implantation");
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "psychological-clearance")).toBe("not_documented");
    expect(statusOf(item, "successful-trial")).toBe("not_documented");
  });
});

describe("spine surgery", () => {
  it("overturns a fusion for spondylolisthesis with motion on flexion-extension films after psychological screening", () => {
    const item = draft(
      "Injured 2/20/2012. Grade II isthmic spondylolisthesis at L5-S1 with 5 mm of translation on flexion-extension x-rays; MRI shows bilateral foraminal stenosis at L5-S1 compressing the L5 roots. Symptoms persist despite physical therapy, epidural injections and medications. Psychological evaluation cleared him for surgery.",
      "L5-S1 transforaminal lumbar interbody fusion",
    );
    expect(item.treatmentFamily).toBe("spinal fusion");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.source).toMatch(/Chapter 12 Low Back Complaints/);
  });

  it("upholds a fusion for degenerative disc disease without instability", () => {
    const item = draft(
      "Injured 2/20/2012. Chronic axial back pain with degenerative disc disease at L4-5. Flexion-extension films show no instability. Failed therapy.",
      "L4-5 posterior lumbar interbody fusion",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "instability")).toBe("not_met");
  });

  it("overturns a microdiscectomy for radicular pain matching an MRI herniation after failed care", () => {
    const item = draft(
      "He was injured at work on 1/15/2015. Exam on 4/20/2015: severe left leg sciatica with weakness of ankle dorsiflexion 4/5 and an absent left Achilles reflex. MRI of 3/2015 shows a large L5-S1 disc extrusion compressing the left S1 nerve root. Six weeks of physical therapy, oral steroids and gabapentin failed.",
      "Left L5-S1 microdiscectomy",
    );
    expect(item.treatmentFamily).toBe("lumbar decompression/discectomy");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds a laminectomy for back pain without radicular symptoms", () => {
    const item = draft(
      "Injured 1/15/2015. Axial low back pain, no radicular symptoms, normal neurologic exam. MRI shows mild disc desiccation.",
      "L4-5 laminectomy",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "radicular-symptoms")).toBe("not_met");
  });

  it("overturns an ACDF for arm radiculopathy with matching imaging and EMG after failed care", () => {
    const item = draft(
      "She was injured on 8/8/2013. Exam on 2/3/2014: right arm radicular pain into the thumb with decreased sensation in the C6 dermatome and weak wrist extension 4/5. MRI shows a C5-6 disc herniation compressing the right C6 nerve root; EMG confirms right C6 radiculopathy. Symptoms persist despite therapy and an epidural injection.",
      "C5-6 anterior cervical discectomy and fusion",
    );
    expect(item.treatmentFamily).toBe("cervical spine surgery");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.pages).toBe("179-180");
  });

  it("upholds an ACDF for neck pain alone", () => {
    const item = draft("Injured 8/8/2013. Neck pain without radicular symptoms; neurologic exam intact. MRI shows mild spondylosis.", "ACDF C5-6");
    expect(item.decision).toBe("Upheld");
  });
});

describe("knee arthroscopy", () => {
  it("overturns a meniscectomy for locking with a positive McMurray and an MRI tear after failed therapy", () => {
    const item = draft(
      "A 44-year-old male installer twisted his right knee on 5/20/2014. He reports catching and episodes of locking. Exam shows medial joint line tenderness and a positive McMurray test. MRI of the right knee shows a tear of the posterior horn of the medial meniscus. Six weeks of physical therapy and NSAIDs have not helped.",
      "Right knee arthroscopy with partial medial meniscectomy",
    );
    expect(item.treatmentFamily).toBe("knee arthroscopy");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.pages).toBe("343-345");
  });

  it("upholds arthroscopy for a degenerative knee with pain only", () => {
    const item = draft(
      "Injured 5/20/2014. Left knee pain without locking or giving way. MRI shows a degenerative tear of the medial meniscus with advanced tricompartmental osteoarthritis. Physical therapy failed.",
      "Left knee arthroscopy with debridement",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "mechanical-symptoms")).toBe("not_met");
    expect(statusOf(item, "not-for-osteoarthritis")).toBe("met");
  });
});

describe("shoulder surgery", () => {
  it("overturns a rotator cuff repair for a full-thickness tear", () => {
    const item = draft(
      "A 48-year-old female lifted a heavy box on 9/1/2014 and has weakness of arm elevation. MRI of the left shoulder shows a full-thickness supraspinatus tear with retraction.",
      "Left shoulder arthroscopic rotator cuff repair",
    );
    expect(item.treatmentFamily).toBe("shoulder surgery");
    expect(item.decision).toBe("Overturned");
    expect(statusOf(item, "steroid-injection-tried")).toBe("not_applicable");
  });

  it("upholds a subacromial decompression for impingement without an injection trial", () => {
    const item = draft(
      "Injured 9/1/2014. Right shoulder impingement. MRI shows a type II acromion with supraspinatus tendinosis and no tear. Physical therapy has not helped.",
      "Right shoulder arthroscopy with subacromial decompression",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "steroid-injection-tried")).toBe("not_documented");
  });
});

describe("carpal tunnel release", () => {
  it("overturns a release with positive Tinel and Phalen, a positive nerve conduction study and failed splinting", () => {
    const item = draft(
      "A 37-year-old female assembler has right hand numbness in the thumb, index and middle fingers since 2013. Tinel and Phalen signs are positive at the right wrist. Nerve conduction studies of 4/2014 show moderate right median neuropathy at the wrist. Night splints and a cortisone injection gave no lasting relief.",
      "Right carpal tunnel release",
    );
    expect(item.treatmentFamily).toBe("carpal tunnel release");
    expect(item.decision).toBe("Overturned");
    expect(item.guideline?.pages).toBe("270");
  });

  it("upholds a release when nerve conduction studies are normal", () => {
    const item = draft(
      "Right hand tingling. Phalen test positive on the right. EMG/NCV of the upper extremities was normal. She wears a wrist splint at night.",
      "Right carpal tunnel release",
    );
    expect(item.decision).toBe("Upheld");
    expect(statusOf(item, "electrodiagnostic-confirmation")).toBe("not_met");
  });

  it("reads a nerve conduction study written with decimal latencies, and normal ulnar values beside a slowed median nerve", () => {
    const item = draft(
      "A 46-year-old male mechanic reports numbness of the left thumb and index finger waking him at night since 2013. Phalen sign positive on the left. Electrodiagnostic study 3/2015: left median sensory peak latency 4.1 ms and distal motor latency 4.8 ms, both prolonged, with normal ulnar responses. A cock-up splint was worn for 3 months.",
      "Left endoscopic carpal tunnel release",
    );
    expect(statusOf(item, "electrodiagnostic-confirmation")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("reads a nerve conduction study reported only as an absent median sensory potential", () => {
    const item = draft(
      "A 53-year-old female packer has had numbness of the left index and middle fingers for a year, worse at night. Phalen sign positive on the left. Nerve conduction testing 2/2015 found the left median sensory nerve action potential unrecordable, with a normal ulnar study. Night splinting for 10 weeks did not help.",
      "Left carpal tunnel release",
    );
    expect(statusOf(item, "electrodiagnostic-confirmation")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("reads a median distal motor latency given in milliseconds above the normal limit, beside an absent sensory response", () => {
    const item = draft(
      "A 50-year-old male welder reports right hand numbness and clumsiness for 8 months. Tinel sign positive at the right wrist. Electrodiagnostic study 5/2015: right median motor latency of 6.1 ms and absent right median sensory response. Splinting and a steroid injection gave only brief relief.",
      "Right carpal tunnel release",
    );
    expect(statusOf(item, "electrodiagnostic-confirmation")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });
});

describe("the procedures entries as a catalogue", () => {
  const ids = [
    "epidural-steroid-injection",
    "facet-injections-mbb",
    "radiofrequency-ablation",
    "trigger-point-injections",
    "si-joint-injection",
    "hyaluronic-acid-injection",
    "prp-injection",
    "sympathetic-blocks-crps",
    "spinal-cord-stimulator",
    "lumbar-fusion-spine-surgery",
    "lumbar-decompression-discectomy",
    "cervical-decompression-fusion",
    "knee-arthroscopy",
    "shoulder-surgery",
    "carpal-tunnel-release",
  ];
  it.each(ids)("%s cites the MTUS, or says why another guideline is used", (id) => {
    const entry = kb.entries.find((e) => e.id === id)!;
    expect(entry).toBeDefined();
    expect(entry.citations.some((c) => c.searchStep === "mtus")).toBe(true);
    for (const c of entry.citations.filter((c) => c.searchStep !== "mtus")) expect(c.searchNote).toBeTruthy();
    expect(entry.criteria.some((c) => c.polarity === "required")).toBe(true);
  });
});

describe("terse UR shorthand for knee arthroscopy", () => {
  it("reads '+ Apley', 'lateral JLT' and 'w/o benefit' as exam signs and failed conservative care", () => {
    const item = draft(
      "Ortho f/u 3/3/2017: 29 y/o F warehouse worker, L knee twisting injury 9/2016. Catching and intermittent locking of the L knee. 8 sessions PT + NSAIDs w/o benefit. Exam: lateral JLT, + Apley, Lachman stable. MRI L knee 1/2017: complex tear of the lateral meniscus body. Xrays: no degenerative change.",
      "Left knee arthroscopy with partial lateral meniscectomy",
    );
    expect(statusOf(item, "examination-findings")).toBe("met");
    expect(statusOf(item, "failed-conservative-care")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("still reads 'w/o' as a negation cue: 'w/o locking' is not a mechanical symptom", () => {
    const facts = extractFacts(
      [{ document: "note", pages: ["Knee pain w/o locking."] }],
      kb.facts.filter((f) => f.id === "mechanicalKneeSymptoms"),
      [],
      [],
      {},
    );
    expect(facts.get("mechanicalKneeSymptoms")?.value).not.toBe(true);
  });
});

describe("prior injection relief stated beside a medication taper", () => {
  const reliefOf = (text: string) => {
    const facts = extractFacts([{ document: "Case summary", pages: [text] }], kb.facts, ["epidural"], [], {});
    return { percent: facts.get("procedureReliefPercent")?.value, weeks: facts.get("procedureReliefWeeks")?.value };
  };

  it("keeps the relief figures when the same sentence says the pain pills were cut down", () => {
    const got = reliefOf("At the recheck he described 70% improvement in buttock and leg pain for about 8 weeks and lowered his Percocet from three to one pill a day.");
    expect(got.percent).toBe(70);
    expect(got.weeks).toBeGreaterThanOrEqual(8);
    const other = reliefOf("The return visit records 55% relief of leg pain that lasted 7 weeks, and tramadol was tapered to one tablet at night.");
    expect(other.percent).toBe(55);
  });

  it("still ignores relief that the sentence credits to a medication", () => {
    expect(reliefOf("He reports 60% relief of leg pain with Norco lasting several hours.").percent).toBeUndefined();
    expect(reliefOf("Pain improved 50% on gabapentin, and his Norco was reduced from four to two tablets.").percent).toBeUndefined();
  });
});
