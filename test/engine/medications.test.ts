import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/adapters/knowledge/load-knowledge-base.ts";
import type { GuidelineEntry } from "../../src/domain/guidelines/types.ts";
import { entryScore, selectEntry } from "../../src/domain/guidelines/select-entry.ts";
import { parseRequest } from "../../src/domain/requests/parse-request.ts";
import { draftCase, type ItemDraft } from "../../src/domain/review/draft.ts";
import { evaluateCheck } from "../../src/domain/review/evaluate.ts";
import { extractFacts } from "../../src/domain/facts/extract.ts";

const kb = loadKnowledgeBase();

function draft(caseSummary: string, request: string): ItemDraft {
  return draftCase(kb, { caseSummary, items: [{ request }] }).items[0]!;
}

function status(item: ItemDraft, criterionId: string): string | undefined {
  return item.criteria.find((c) => c.id === criterionId)?.status;
}

describe("muscle relaxants: drug-specific entries", () => {
  it("overturns a one-week course of methocarbamol for a documented acute spasm flare", () => {
    const item = draft(
      "The patient is a 52-year-old female grocery clerk with chronic low back pain since a lifting injury on 3/9/2013, managed with naproxen and a home exercise program. She has never been prescribed a muscle relaxant. On 4/6/2015 she reported a sudden increase in low back pain after moving furniture at home, and the examination showed palpable right lumbar paraspinal spasm with guarding. Neurologic examination is intact. The physician asked for a brief course of Robaxin while she continues naproxen and her exercises.",
      "Robaxin 750mg #30",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("muscle relaxant");
    expect(item.guidelineEntry).toBe("methocarbamol");
    expect(item.guideline?.pages).toBe("63-66");
    expect(status(item, "methocarbamol.acute-exacerbation")).toBe("met");
    expect(status(item, "methocarbamol.short-supply")).toBe("met");
    expect(item.rationale).toMatch(/is medically necessary\.$/);
  });

  it("reads an abrupt worsening described with adjectives between the words as an acute flare", () => {
    const item = draft(
      "A 36-year-old male stocker with chronic neck pain from a 2013 strain takes ibuprofen and had been stable at work. Lifting a case overhead on 5/4/2015 he noticed an abrupt, severe worsening of neck pain, and the next day the trapezius was in spasm with restricted rotation. He has not used a muscle relaxant before. Methocarbamol was prescribed for one week.",
      "Methocarbamol 500mg #21",
    );
    expect(status(item, "methocarbamol.acute-exacerbation")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it.each([
    "Two days ago, bending to lift a toolbox, he had markedly worse low back pain, and today the paraspinals are in spasm.",
    "After a long drive on 6/2/2015 his back pain rose from his usual baseline of 2/10 to 7/10, with new paraspinal spasm.",
    "He describes a significant increase in lumbar pain and spasm since shoveling soil last weekend.",
  ])("reads a worsening above baseline worded as %j as an acute flare and overturns a short methocarbamol course", (flare) => {
    const item = draft(
      `A 44-year-old male landscaper with chronic low back pain from a 2012 fall manages with naproxen and walking. ${flare} Reflexes and strength are normal. He has not used a muscle relaxant before. A one-week course of methocarbamol was prescribed.`,
      "Methocarbamol 500mg #28",
    );
    expect(status(item, "methocarbamol.acute-exacerbation")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds orphenadrine taken for months for chronic neck tightness with refills that run for three months", () => {
    const item = draft(
      "A 47-year-old male bus driver injured his neck on 2/14/2013. He has been taking orphenadrine ER 100 mg twice daily for the past 8 months for chronic neck tightness. The 1/20/2015 report describes stable neck pain of 5/10 with trapezius tightness; there has been no recent flare-up or new injury. He works regular duty.",
      "Norflex ER 100mg #60 with 2 refills",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guidelineEntry).toBe("orphenadrine");
    expect(item.guideline?.source).toBe("MTUS Chronic Pain Medical Treatment Guidelines");
    expect(item.criteria.find((c) => c.id === "orphenadrine.short-term-use")).toMatchObject({ status: "not_met" });
    expect(item.criteria.find((c) => c.id === "orphenadrine.short-supply")).toMatchObject({ status: "not_met", value: 90 });
    expect(status(item, "orphenadrine.acute-exacerbation")).toBe("not_met");
    expect(item.rationale).toMatch(/not medically necessary\.$/);
  });

  it("upholds Flexeril refilled month after month, citing the cyclobenzaprine pages", () => {
    const item = draft(
      "This 39-year-old male roofer fell from a ladder on 5/2/2012 and has chronic lumbar pain. Flexeril 10 mg three times a day has been prescribed continuously since 2013 along with ibuprofen. Pain is described as constant and chronic, 6/10, with diffuse paraspinal tenderness; no flare-up is documented.",
      "Flexeril 10mg #90",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guidelineEntry).toBe("cyclobenzaprine");
    expect(item.guideline?.pages).toBe("41-42; 63-66");
    expect(status(item, "cyclobenzaprine.short-supply")).toBe("not_met");
  });

  it("upholds carisoprodol taken with an opioid even when the supply is short", () => {
    const item = draft(
      "A 58-year-old female housekeeper with chronic low back pain from a 2011 fall reported an acute flare-up of back spasm on 8/3/2015. Her regimen includes Norco 10/325 three times daily. The physician requested a short supply of Soma for the spasm.",
      "Soma 350mg #15",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guidelineEntry).toBe("carisoprodol");
    expect(status(item, "carisoprodol.acute-exacerbation")).toBe("met");
    expect(status(item, "carisoprodol.with-opioid-or-benzodiazepine")).toBe("met");
    expect(item.rationale).toMatch(/opioid or a benzodiazepine/);
  });

  it("overturns a five-day carisoprodol course for a new flare when no opioid or benzodiazepine is taken", () => {
    const item = draft(
      "The injured worker, a 41-year-old male mechanic, strained his back on 10/12/2014 and recovered with therapy. On 3/16/2015 he had an acute exacerbation with new paraspinal spasm after a twisting injury at work. He takes no opioids or benzodiazepines and has had no prior muscle relaxant.",
      "Soma 350mg #15",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "carisoprodol.with-opioid-or-benzodiazepine")).toBe("not_met");
  });

  it("leaves tizanidine to the class entry and its pages 63-66", () => {
    const request = parseRequest("Zanaflex 4mg #60 with 3 refills", kb.drugs);
    expect(selectEntry(kb, request)?.id).toBe("muscle-relaxants");
  });
});

describe("NSAIDs and gastrointestinal protection", () => {
  it("overturns a first month of ibuprofen for an acute flare of back pain in a patient without risk factors", () => {
    const item = draft(
      "A 34-year-old male carpenter with lumbar sprain/strain from an injury on 1/5/2015 reports an acute flare of low back pain after a long shift on 2/20/2015. He has no kidney disease, no NSAID allergy and no history of ulcers. Acetaminophen did not control the pain. The physician prescribed ibuprofen 600 mg three times daily for a month.",
      "Ibuprofen 600mg #90",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("NSAID/PPI");
    expect(item.guidelineEntry).toBe("nsaids-oral");
    expect(item.guideline?.pages).toBe("22; 67-73");
    expect(status(item, "nsaids-oral.indication")).toBe("met");
    expect(status(item, "nsaids-oral.contraindication")).toBe("not_met");
  });

  it("upholds meloxicam taken for two years when pain is unchanged and no functional gain is documented", () => {
    const item = draft(
      "This 55-year-old female cashier has chronic right shoulder impingement after an injury on 6/3/2012. She has taken meloxicam 15 mg daily for two years. On 4/2/2015 her shoulder pain remains 6/10 and is unchanged with meloxicam. No objective functional improvement is documented, and she remains on modified duty with the same lifting restrictions.",
      "Meloxicam 15mg #30 with 2 refills",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "nsaids-oral.continued-benefit")).toBe("not_met");
    expect(item.rationale).toMatch(/not medically necessary\.$/);
  });

  it("upholds an NSAID for a patient with chronic kidney disease", () => {
    const item = draft(
      "A 61-year-old male welder has bilateral knee osteoarthritis from cumulative trauma. His internist follows him for stage 3 chronic kidney disease. The treating physician requested naproxen for knee pain.",
      "Naproxen 500mg #60",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "nsaids-oral.contraindication")).toBe("met");
  });

  it("upholds celecoxib when no GI risk factor is documented", () => {
    const item = draft(
      "A 40-year-old female nurse's aide has right lateral epicondylitis from repetitive lifting since 9/2014. She is 40, denies heartburn or stomach upset, has no history of GI bleeding or ulcer and takes no aspirin or blood thinners. Celebrex was requested.",
      "Celebrex 200mg #30",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "nsaids-oral.cox2-gi-risk")).toBe("not_documented");
    expect(item.rationale).toMatch(/no GI risk factor is documented/i);
  });

  it("overturns a PPI for a 68-year-old on naproxen with a prior bleeding ulcer", () => {
    const item = draft(
      "The patient is a 68-year-old male security guard with lumbar degenerative disc disease from a 2010 injury. He takes naproxen 500 mg twice daily, which has allowed him to keep walking his rounds. He was hospitalized in 2008 for a bleeding duodenal ulcer. Pantoprazole was requested for gastric protection while on the NSAID.",
      "Pantoprazole 20mg #30",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("NSAID/PPI");
    expect(item.guidelineEntry).toBe("ppi-h2-gi-prophylaxis");
    expect(item.guideline?.pages).toBe("68-69");
    expect(status(item, "ppi-h2-gi-prophylaxis.on-nsaid")).toBe("met");
    expect(status(item, "ppi-h2-gi-prophylaxis.gi-risk")).toBe("met");
  });

  it("overturns omeprazole for NSAID-induced dyspepsia", () => {
    const item = draft(
      "A 45-year-old female line cook uses diclofenac 75 mg twice daily for right wrist tendinitis. Since starting it she has had epigastric burning and dyspepsia after meals. Prilosec was requested.",
      "Prilosec 20mg #30",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "ppi-h2-gi-prophylaxis.gi-risk")).toBe("met");
  });

  it("upholds a PPI for a patient who no longer takes an NSAID", () => {
    const item = draft(
      "A 50-year-old male driver with chronic neck pain stopped naproxen in 2014 and now manages with acetaminophen and stretching. He reports no GI complaints. Omeprazole was requested for stomach protection.",
      "Omeprazole 20mg #30",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "ppi-h2-gi-prophylaxis.on-nsaid")).toBe("not_met");
  });

  it("upholds a PPI when the history is said to be silent for ulcer disease and bleeding", () => {
    const item = draft(
      "A 47-year-old male electrician with chronic knee pain takes meloxicam 15 mg daily. His medical history is silent for peptic ulcer disease or upper GI bleeding, and he takes no other medications. He has no heartburn or stomach upset. Pantoprazole was added for stomach protection.",
      "Pantoprazole 40mg #30",
    );
    expect(status(item, "ppi-h2-gi-prophylaxis.gi-risk")).not.toBe("met");
    expect(item.decision).toBe("Upheld");
  });
});

describe("gabapentin and pregabalin", () => {
  it("counts an activity the patient now performs as the functional gain from continued gabapentin", () => {
    const item = draft(
      "A 47-year-old female cashier has lumbar radiculopathy at L5 with shooting pain and tingling into the left foot and a positive straight-leg raise. She has taken gabapentin 300 mg three times daily since March 2014. Her burning leg pain has come down from 7/10 to 4/10, and she now cooks dinner and shops for groceries on her own.",
      "Gabapentin 300mg #90",
    );
    expect(status(item, "gabapentin.documented-response")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds a year of gabapentin refills for radiculopathy without measurable relief", () => {
    const item = draft(
      "A 49-year-old male laborer has cervical radiculopathy at C6 from a 2012 lifting injury, with numbness of the thumb and index finger. He has been taking gabapentin 600 mg three times daily for about a year. At the 5/11/2015 visit arm pain is still 8/10, and he says the gabapentin has not helped. No improvement in function is described; he remains off work.",
      "Neurontin 600mg #90 with 3 refills",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("gabapentin/pregabalin");
    expect(item.guidelineEntry).toBe("gabapentin");
    expect(status(item, "gabapentin.neuropathic-pain")).toBe("met");
    expect(status(item, "gabapentin.documented-response")).toBe("not_met");
    expect(item.rationale).toMatch(/not medically necessary\.$/);
  });

  it("overturns continued pregabalin for CRPS with 50% relief and a return to modified work", () => {
    const item = draft(
      "This 37-year-old female assembler developed complex regional pain syndrome of the right hand after a crush injury on 3/3/2013, with burning pain, allodynia and color change. She has taken Lyrica 75 mg twice daily since 2014. Lyrica reduces her pain by about 50%, and since it was adjusted she has returned to modified duty four hours a day. She reports mild dizziness only.",
      "Lyrica 75mg #60",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.guidelineEntry).toBe("pregabalin");
    expect(item.guideline?.pages).toBe("16-20");
    expect(status(item, "pregabalin.neuropathic-pain")).toBe("met");
    expect(status(item, "pregabalin.documented-response")).toBe("met");
  });

  it("upholds gabapentin begun long ago and titrated up when the notes show no change in pain or function", () => {
    const item = draft(
      "A 58-year-old female cook has burning pain in the sole of the left foot from tarsal tunnel syndrome after a fall on 6/6/2012. Her physician began Neurontin back in 2013, and it was titrated to 800 mg three times a day over that summer. The 4/2/2015 note records foot pain of 8/10, no different from her baseline, and she walks no farther than a block.",
      "Gabapentin 800mg #90",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guidelineEntry).toBe("gabapentin");
    expect(status(item, "gabapentin.neuropathic-pain")).toBe("met");
    expect(status(item, "gabapentin.documented-response")).not.toBe("not_applicable");
  });

  it("upholds a first prescription of pregabalin when the only mention of nerve pain is a note that none was explained", () => {
    const item = draft(
      "A 44-year-old male warehouse worker strained his neck on 1/8/2016. He has aching neck pain without arm complaints; Spurling test is negative and strength, sensation and reflexes are normal. The doctor adds pregabalin 50 mg three times a day for pain. No explanation re: radicular symptoms is offered.",
      "Pregabalin 50mg #90",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guidelineEntry).toBe("pregabalin");
    expect(status(item, "pregabalin.neuropathic-pain")).not.toBe("met");
  });
});

describe("antidepressants for chronic pain", () => {
  it("overturns a first trial of nortriptyline for radicular pain with disturbed sleep", () => {
    const item = draft(
      "A 44-year-old male framer has left L5 radiculopathy with shooting pain into the foot since a fall on 2/2/2014. He wakes at night due to pain and has trouble sleeping. No antidepressant has been used before; the physician is starting nortriptyline at bedtime.",
      "Nortriptyline 25mg #30",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.treatmentFamily).toBe("antidepressant");
    expect(item.guidelineEntry).toBe("antidepressants-chronic-pain");
    expect(status(item, "antidepressants-chronic-pain.indication")).toBe("met");
  });

  it("upholds duloxetine continued for over a year when it has not changed pain or function", () => {
    const item = draft(
      "A 53-year-old female office worker has chronic neck pain with depression since a 2011 injury. She has been on Cymbalta 60 mg daily since 2013. Her pain is unchanged on Cymbalta and she reports no benefit from it. Function is unchanged.",
      "Cymbalta 60mg #30",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "antidepressants-chronic-pain.documented-response")).toBe("not_met");
  });

  it("overturns continued venlafaxine whose benefit, reported in the next sentence, includes needing less of an opioid", () => {
    const item = draft(
      "A 47-year-old male warehouse lead has chronic cervical radiculopathy at C7 since a 2012 injury, with numbness of the middle finger and low mood. Effexor XR was started at 37.5 mg in 9/2014 and raised to 75 mg in 10/2014. By the 1/12/2015 visit his arm pain is down from 8/10 to 5/10 and he has weaned off his oxycodone entirely.",
      "Effexor XR 75mg #30",
    );
    expect(status(item, "antidepressants-chronic-pain.documented-response")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });
});

describe("topical analgesics", () => {
  it("upholds a compound with ketoprofen, lidocaine and baclofen because each is not recommended topically", () => {
    const item = draft(
      "A 46-year-old female packer has chronic low back pain without radiation after a 2013 injury. She takes ibuprofen. A compounded cream was requested for the low back.",
      "Ketoprofen 20%/Lidocaine 5%/Baclofen 2% cream 240gm",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("topical analgesic");
    expect(item.guidelineEntry).toBe("topical-analgesics-compounded");
    expect(item.guideline?.pages).toBe("111-113");
    const ingredients = item.criteria.find((c) => c.id === "topical-analgesics-compounded.every-ingredient-recommended");
    expect(ingredients).toMatchObject({ status: "met", value: "ketoprofen, lidocaine, baclofen" });
    expect(item.rationale).toMatch(/ketoprofen, lidocaine, baclofen/);
  });

  it("upholds single-agent gabapentin cream under the compound rules", () => {
    const item = draft("A 40-year-old male with lumbar radiculopathy requested a topical gabapentin cream.", "Gabapentin 10% cream 120gm");
    expect(item.guidelineEntry).toBe("topical-analgesics-compounded");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "topical-analgesics-compounded.every-ingredient-recommended")).toBe("met");
  });

  it("overturns a compound of recommended ingredients for neuropathic pain after failed first-line agents", () => {
    const item = draft(
      "A 59-year-old female with painful peripheral neuropathy of both feet failed gabapentin because of sedation, and amitriptyline was ineffective. Burning pain in the feet is 7/10. The physician requested a compounded capsaicin and methyl salicylate cream.",
      "Compounded capsaicin 0.025%/menthol 2%/methyl salicylate 10% cream 120gm",
    );
    expect(item.guidelineEntry).toBe("topical-analgesics-compounded");
    expect(item.decision).toBe("Overturned");
    expect(status(item, "topical-analgesics-compounded.every-ingredient-recommended")).toBe("not_met");
    expect(status(item, "topical-analgesics-compounded.failed-first-line")).toBe("met");
  });

  it("overturns Lidoderm for localized neuropathic pain after gabapentin and nortriptyline failed", () => {
    const item = draft(
      "A 48-year-old male electrician has post-traumatic neuralgia of the left chest wall at the site of a rib fracture from a 6/2013 fall, with a well-localized area of burning pain and allodynia. He failed gabapentin due to dizziness, and nortriptyline gave no relief. A trial of lidocaine patches was requested.",
      "Lidoderm 5% patch #30",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.guidelineEntry).toBe("lidocaine-patch");
    expect(item.guideline?.pages).toBe("56-57; 112");
    expect(status(item, "lidocaine-patch.localized-neuropathic")).toBe("met");
    expect(status(item, "lidocaine-patch.failed-first-line")).toBe("met");
  });

  it("overturns continued lidocaine patches when the first-line drugs were stopped for side effects and the patient went back to her job", () => {
    const item = draft(
      "A 39-year-old female cook developed post-thoracotomy neuralgia along the right T6 intercostal nerve after surgery for a work-related chest injury in 2013, with a band of burning pain and allodynia under the scar. Pregabalin up to 150 mg twice daily caused severe weight gain and swelling of the ankles, and she stopped taking duloxetine after three weeks. " +
        "At the 10/6/2014 visit she reports that since the lidocaine patches were added in July her chest wall pain has gone from 8/10 to 3/10 and she is back to her usual restaurant job. Plan: continue Lidoderm.",
      "Lidoderm 5% patch #30",
    );
    expect(status(item, "lidocaine-patch.failed-first-line")).toBe("met");
    expect(status(item, "lidocaine-patch.documented-benefit")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it.each([
    "they let him sit through his forklift shifts and have enabled him to come off hydrocodone",
    "they permit him to tolerate his full shift at the warehouse and allowed him to discontinue hydrocodone",
  ])("reads benefit from continued lidocaine patches worded as %j as functional benefit and overturns", (benefit) => {
    const item = draft(
      "A 55-year-old male warehouse worker has an ilioinguinal neuroma after a 2012 hernia repair, with a localized strip of burning pain and allodynia in the left groin. Duloxetine 60 mg made him nauseated and was stopped, and pregabalin gave no relief. " +
        `At the 2/2/2015 visit he says the lidocaine patches used since last spring give him about 50% relief, and ${benefit}. Plan: continue Lidoderm.`,
      "Lidoderm 5% patch #30",
    );
    expect(status(item, "lidocaine-patch.documented-benefit")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("upholds lidocaine patches for axial low back pain with no first-line trial", () => {
    const item = draft(
      "A 36-year-old female cashier has mechanical low back pain without radiation. She denies numbness or tingling and neurologic examination is normal. She has not tried any antidepressant or anticonvulsant. Lidoderm patches were requested for the back.",
      "Lidoderm 5% patch #30 with 2 refills",
    );
    expect(item.decision).toBe("Upheld");
    expect(status(item, "lidocaine-patch.localized-neuropathic")).toBe("not_met");
    expect(status(item, "lidocaine-patch.failed-first-line")).toBe("not_met");
  });

  it("overturns diclofenac solution for hand osteoarthritis", () => {
    const item = draft(
      "A 58-year-old female assembler has osteoarthritis of the right thumb CMC joint confirmed on x-ray, with pain on pinch grip. Oral naproxen caused stomach upset. Pennsaid was prescribed for the right hand.",
      "Pennsaid 2% solution 112gm",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.guidelineEntry).toBe("topical-nsaids");
    expect(status(item, "topical-nsaids.peripheral-joint")).toBe("met");
  });

  it("upholds Voltaren gel for the lumbar spine", () => {
    const item = draft(
      "A 42-year-old male warehouse worker with chronic lumbar strain was prescribed Voltaren gel to apply to the low back four times daily.",
      "Voltaren gel 1% 100gm with 3 refills",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.guidelineEntry).toBe("topical-nsaids");
    expect(status(item, "topical-nsaids.axial-site")).toBe("met");
  });

  it("overturns low-strength capsaicin for knee osteoarthritis after other treatment failed", () => {
    const item = draft(
      "A 63-year-old male groundskeeper has left knee osteoarthritis. He failed physical therapy and could not tolerate oral NSAIDs. Capsaicin 0.025% cream was prescribed for the knee.",
      "Capsaicin 0.025% cream 60gm",
    );
    expect(item.decision).toBe("Overturned");
    expect(item.guidelineEntry).toBe("capsaicin");
    expect(status(item, "capsaicin.failed-other-treatment")).toBe("met");
  });

  it("upholds capsaicin when no failed treatment is documented", () => {
    const item = draft("A 30-year-old female with a recent lumbar strain was given capsaicin cream at her first visit.", "Capsaicin 0.075% cream 60gm");
    expect(item.decision).toBe("Upheld");
    expect(status(item, "capsaicin.failed-other-treatment")).toBe("not_documented");
  });
});

describe("medical foods", () => {
  it("upholds Theramine for chronic pain, citing ODG because the 2009 MTUS is silent", () => {
    const item = draft(
      "A 51-year-old male with chronic low back pain since 2012 takes tramadol. Theramine was prescribed for pain management.",
      "Theramine #120",
    );
    expect(item.decision).toBe("Upheld");
    expect(item.treatmentFamily).toBe("medical food");
    expect(item.guideline?.searchStep).toBe("acoem-odg");
    expect(item.searchSequence).toMatch(/MTUS does not address/);
    expect(status(item, "medical-foods.for-pain-or-sleep")).toBe("met");
  });

  it("overturns vitamin D replacement for a documented deficiency slowing fracture healing", () => {
    const item = draft(
      "A 57-year-old female fractured her right distal radius in a fall at work on 1/8/2015. At 12 weeks the fracture showed delayed union, and laboratory testing found vitamin D deficiency with a 25-OH level of 11 ng/mL. Her orthopedist prescribed weekly vitamin D replacement.",
      "Vitamin D 50,000 IU #12",
    );
    expect(item.decision).toBe("Overturned");
    expect(status(item, "medical-foods.distinct-nutritional-need")).toBe("met");
  });
});

describe("a medication's effect reported in the sentence after the one naming it", () => {
  it("overturns pregabalin whose relief is reported in the next sentence, without naming the drug again", () => {
    const item = draft(
      "A 50-year-old female packer has tarsal tunnel syndrome with burning pain in the left foot after an injury on 2/2/2013. Pregabalin 75 mg twice daily was started in 10/2014. At the 2/9/2015 visit the burning has come down from 7/10 to 3/10 and she is able to walk her dog again.",
      "Lyrica 75mg #60",
    );
    expect(status(item, "pregabalin.documented-response")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("does not carry the relief over to the drug named before when the next sentence names another drug", () => {
    const relief = (text: string) =>
      extractFacts(
        [{ document: "PR-2", pages: [text] }],
        kb.facts.filter((f) => f.id === "requestPainRelief"),
        ["pregabalin", "lyrica"],
        [],
        {},
        [],
        ["tramadol"],
      ).get("requestPainRelief")?.value;
    expect(relief("Pregabalin was started in 10/2014. Tramadol lowers her pain from 7/10 to 3/10.")).toBeUndefined();
    expect(relief("Pregabalin was started in 10/2014. Physical therapy brought her pain from 7/10 to 3/10.")).toBeUndefined();
    expect(relief("Pregabalin was started in 10/2014. Her pain is down from 7/10 to 3/10.")).toBe(true);
  });

  it("carries the relief over when the next sentence calls the drug 'this medication' or names another drug only as one given up", () => {
    const relief = (text: string) =>
      extractFacts(
        [{ document: "PR-2", pages: [text] }],
        kb.facts.filter((f) => f.id === "requestPainRelief"),
        ["pregabalin", "lyrica"],
        [],
        {},
        [],
        ["oxycodone", "percocet", "tramadol"],
      ).get("requestPainRelief")?.value;
    expect(relief("Lyrica was increased to 150 mg twice daily in March. Since then her foot pain has dropped from 8/10 to 4/10 and she tolerates this medication well.")).toBe(true);
    expect(relief("Lyrica was increased to 150 mg twice daily in March. Her burning has gone down from 8/10 to 4/10 and she has cut back on Percocet to one a day.")).toBe(true);
    expect(relief("Lyrica was increased to 150 mg twice daily in March. Her burning has gone down from 8/10 to 4/10 since Percocet was added.")).toBeUndefined();
  });

  it("overturns continued gabapentin whose relief and gains follow in the next sentence, which refers to it only as the medication", () => {
    const item = draft(
      "A 58-year-old female cashier has diabetic-pattern burning in both feet, diagnosed as a work-related tarsal tunnel neuropathy after a 2013 injury, with reduced pinprick sensation in both soles. Neurontin was begun in 11/2014 and increased to 300 mg three times daily. At the 3/3/2015 follow-up her foot pain has gone down from 8/10 to 4/10 since she got to the full dose of the medication, and she can now stand through a whole shift. Plan: continue Neurontin.",
      "Neurontin 300mg #90",
    );
    expect(status(item, "gabapentin.documented-response")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("overturns continued gabapentin when pain on it is compared with pain off it and walking tolerance rose from a lower figure", () => {
    const item = draft(
      "A 47-year-old male roofer has right C7 radiculopathy after a 2013 fall, with triceps weakness and numbness of the middle finger. Gabapentin 400 mg three times daily was started in 6/2014. Follow-up 4/8/2015: arm pain is 3/10 on the medication vs 6/10 on days he forgets it; he walks around 45 mins daily, up from 15. No dizziness. Plan: refill gabapentin.",
      "Gabapentin 400mg #90",
    );
    expect(status(item, "gabapentin.documented-response")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("overturns continued gabapentin whose relief sits in one clause and shorthand function gains in another", () => {
    const item = draft(
      "IW 60 y/o M, warehouse worker, DOI 2012. Dx: S1 radiculopathy R, absent R ankle reflex. Meds: gabapentin 600 mg TID since 3/2014. PR-2 4/2015: on gabapentin R calf pain down from 8/10 to 5/10; sleeps 7 hrs vs 4; standing 40 min vs 15. No sedation. Plan: continue gabapentin.",
      "Gabapentin 600 mg #90",
    );
    expect(status(item, "gabapentin.documented-response")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });
});

describe("engine capabilities used by the medication entries", () => {
  const request = parseRequest("Flurbiprofen 20%/Cyclobenzaprine 4%/Gabapentin 6% cream 180gm", kb.drugs);
  const ctx = { facts: new Map(), request, caseFacts: {} };

  it("finds compound ingredients by name or drug class and reports the matches", () => {
    expect(evaluateCheck({ request: "ingredients", includes: ["muscle relaxant", "gabapentin"] }, ctx)).toMatchObject({
      value: true,
      compared: "cyclobenzaprine, gabapentin",
    });
    expect(evaluateCheck({ request: "ingredients", includes: ["ketoprofen"] }, ctx).value).toBe(false);
    expect(evaluateCheck({ request: "bodyParts", includes: ["knee"] }, ctx).value).toBeUndefined();
  });

  it("passes the compared value of the part that holds through an any-check", () => {
    const outcome = evaluateCheck(
      {
        any: [
          { request: "name", includes: ["ketoprofen"] },
          { request: "ingredients", includes: ["antiepilepsy drug"] },
        ],
      },
      ctx,
    );
    expect(outcome).toMatchObject({ value: true, compared: "gabapentin" });
  });

  it("rules an entry out when a request field has none of the allowed values", () => {
    const entry: GuidelineEntry = {
      id: "oral-only",
      treatmentFamily: "test",
      name: "test",
      requestKinds: ["drug"],
      match: { terms: ["naproxen"], requestFields: { route: ["oral"], isCompound: [false, null] } },
      citations: [{ source: "s", section: "s", pagesVerification: "n/a", searchStep: "mtus" }],
      summary: "s",
      criteria: [],
    };
    expect(entryScore(entry, parseRequest("Naproxen 500mg #60", kb.drugs))).toBeGreaterThan(0);
    expect(entryScore(entry, parseRequest("Naproxen 10% cream 100gm", kb.drugs))).toBe(0);
    expect(entryScore(entry, parseRequest("Naproxen 10%/Lidocaine 5% cream", kb.drugs))).toBe(0);
  });
});

describe("terse UR shorthand for NSAIDs and anticonvulsants", () => {
  it("reads 'OA' as osteoarthritis and an arrow pain score on the NSAID as continued benefit", () => {
    const item = draft(
      "IW is a 70 y/o F w/ R hip OA; hx GI bleed on naproxen 2011. On Celebrex 100mg BID x 8 months with famotidine. Pain 8/10 -> 4/10 on Celebrex; able to walk 4 blocks now vs 1 block. Renal fx nl.",
      "Celecoxib 100mg #60",
    );
    expect(status(item, "nsaids-oral.indication")).toBe("met");
    expect(status(item, "nsaids-oral.continued-benefit")).toBe("met");
    expect(item.decision).toBe("Overturned");
  });

  it("credits a continued anticonvulsant whose pain score fell by arrow and whose tolerances rose", () => {
    const item = draft(
      "Dx: L C6 radiculopathy, EMG-confirmed 1/2016; decreased sensation L thumb, diminished L biceps reflex. Gabapentin 300mg TID ongoing since 11/2015. Radiating arm pain 7/10 => 3/10 with gabapentin. Sitting 20 -> 60 min; resumed light duty 3/2016. Plan: continue gabapentin.",
      "Gabapentin 300mg #90",
    );
    expect(item.criteria.find((c) => c.id.endsWith(".documented-response"))?.status).toBe("met");
    expect(item.decision).toBe("Overturned");
  });
});
