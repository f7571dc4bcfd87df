import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../adapters/knowledge/load-knowledge-base.ts";
import { parseDosesPerDay, parseRequest, readNumber } from "./parse-request.ts";
import type { NormalizedRequest } from "./types.ts";

const kb = loadKnowledgeBase();
const parse = (text: string) => parseRequest(text, kb.drugs);

const drugs: [string, Partial<NormalizedRequest>][] = [
  ["Zanaflex 4mg #60 with 3 refills", { kind: "drug", name: "tizanidine", brand: "Zanaflex", strength: "4mg", quantity: 60, refills: 3, daysSupply: 20, totalSupplyDays: 80 }],
  ["Norco 10/325mg #120", { kind: "drug", name: "hydrocodone/acetaminophen", brand: "Norco", strength: "10/325mg", quantity: 120 }],
  ["Norco 10/325 #90", { name: "hydrocodone/acetaminophen", strength: "10/325", quantity: 90 }],
  ["Ultram ER 150 #30 x2 refills", { name: "tramadol", quantity: 30, refills: 2 }],
  ["Flexeril 7.5mg #90", { name: "cyclobenzaprine", brand: "Flexeril", strength: "7.5mg", quantity: 90, daysSupply: 30 }],
  ["Cyclobenzaprine 7.5mg #20", { name: "cyclobenzaprine", quantity: 20, daysSupply: 7 }],
  ["Soma 350mg #90", { name: "carisoprodol", brand: "Soma", strength: "350mg", quantity: 90 }],
  ["Robaxin 750mg #90", { name: "methocarbamol", brand: "Robaxin", quantity: 90 }],
  ["Norflex ER 100mg #60", { name: "orphenadrine", quantity: 60 }],
  ["Skelaxin 800mg #60", { name: "metaxalone", quantity: 60 }],
  ["Baclofen 10mg #90 with 2 refills", { name: "baclofen", quantity: 90, refills: 2 }],
  ["Oxycodone 30mg #180", { name: "oxycodone", strength: "30mg", quantity: 180 }],
  ["OxyContin 20mg #60", { name: "oxycodone extended-release", brand: "OxyContin", quantity: 60 }],
  ["Percocet 10/325 #120", { name: "oxycodone/acetaminophen", quantity: 120 }],
  ["Tramadol 50mg #120", { name: "tramadol", strength: "50mg", quantity: 120 }],
  ["Ultracet 37.5/325mg #60", { name: "tramadol/acetaminophen", quantity: 60 }],
  ["Nucynta 50mg #90", { name: "tapentadol", quantity: 90 }],
  ["MS Contin 30mg #60", { name: "morphine sulfate", quantity: 60 }],
  ["Dilaudid 4mg #120", { name: "hydromorphone", quantity: 120 }],
  ["Methadone 10mg #90", { name: "methadone", quantity: 90 }],
  ["Duragesic 25mcg/hr patch #10", { name: "fentanyl transdermal", quantity: 10 }],
  ["Fentanyl patch 50mcg #15", { name: "fentanyl transdermal", quantity: 15 }],
  ["Butrans 10mcg/hr #4", { name: "buprenorphine", quantity: 4 }],
  ["Suboxone 8/2mg #60", { name: "buprenorphine", quantity: 60 }],
  ["Tylenol #3 #60", { name: "codeine/acetaminophen" }],
  ["Naproxen sodium 550mg #60", { name: "naproxen", strength: "550mg", quantity: 60, daysSupply: 30 }],
  ["Anaprox DS 550mg #60", { name: "naproxen", quantity: 60 }],
  ["Motrin 800mg #90", { name: "ibuprofen", quantity: 90 }],
  ["Ibuprofen 600mg twice daily #60", { name: "ibuprofen", dosesPerDay: 2, daysSupply: 30 }],
  ["Mobic 15mg #30", { name: "meloxicam", quantity: 30, daysSupply: 30 }],
  ["Celebrex 200mg #30 x 5 refills", { name: "celecoxib", quantity: 30, refills: 5, totalSupplyDays: 180 }],
  ["Relafen 750mg #60", { name: "nabumetone", quantity: 60 }],
  ["Etodolac 400mg #60", { name: "etodolac", quantity: 60 }],
  ["Omeprazole 20mg #60", { name: "omeprazole", strength: "20mg", quantity: 60 }],
  ["Prilosec 20mg #30", { name: "omeprazole", brand: "Prilosec", quantity: 30 }],
  ["Protonix 40mg #30", { name: "pantoprazole", quantity: 30 }],
  ["Nexium 40mg #30", { name: "esomeprazole" }],
  ["Ranitidine 150mg #60", { name: "ranitidine", quantity: 60 }],
  ["Gabapentin 300mg #90", { name: "gabapentin", strength: "300mg", quantity: 90, daysSupply: 30 }],
  ["Neurontin 600mg #90 with 2 refills", { name: "gabapentin", brand: "Neurontin", refills: 2 }],
  ["Lyrica 75mg #60", { name: "pregabalin", brand: "Lyrica", quantity: 60, daysSupply: 30 }],
  ["Topamax 50mg #60", { name: "topiramate" }],
  ["Cymbalta 60mg #30", { name: "duloxetine", quantity: 30 }],
  ["Elavil 25mg #30", { name: "amitriptyline" }],
  ["Nortriptyline 10mg #30", { name: "nortriptyline" }],
  ["Effexor XR 75mg #30", { name: "venlafaxine" }],
  ["Trazodone 50mg #30", { name: "trazodone", quantity: 30 }],
  ["Xanax 0.5mg #60", { name: "alprazolam", strength: "0.5mg", quantity: 60 }],
  ["Ativan 1mg #30", { name: "lorazepam" }],
  ["Klonopin 0.5mg #60", { name: "clonazepam" }],
  ["Valium 5mg #30", { name: "diazepam" }],
  ["Ambien 10mg #30", { name: "zolpidem", brand: "Ambien", quantity: 30 }],
  ["Ambien CR 12.5mg #30", { name: "zolpidem" }],
  ["Lunesta 3mg #30", { name: "eszopiclone" }],
  ["Lidoderm 5% patch #30", { name: "lidocaine", brand: "Lidoderm", strength: "5%", quantity: 30, route: "transdermal" }],
  ["Lidocaine 5% patches #90", { name: "lidocaine", route: "transdermal" }],
  ["Voltaren gel 1% 100gm", { name: "diclofenac topical", route: "topical", quantity: 100, quantityUnit: "g" }],
  ["Voltaren (diclofenac sodium) 1% gel 100gm x 2 tubes", { name: "diclofenac topical", route: "topical", quantity: 200, quantityUnit: "g", unparsed: [] }],
  ["Flector patch 1.3% #30", { name: "diclofenac topical" }],
  ["Pennsaid 2% solution", { name: "diclofenac topical" }],
  ["Capsaicin 0.075% cream", { name: "capsaicin", route: "topical" }],
  ["Menthoderm gel 120gm", { name: "methyl salicylate/menthol", route: "topical", quantity: 120 }],
  ["Theramine #120", { name: "theramine", quantity: 120 }],
  ["Sentra PM #60", { name: "sentra" }],
  ["Fioricet #60", { name: "butalbital/acetaminophen/caffeine" }],
  ["Ondansetron 8mg #30", { name: "ondansetron" }],
  ["Colace 100mg #60", { name: "docusate" }],
  ["Senokot-S #60", { name: "sennosides" }],
  ["Medrol Dosepak #1", { name: "methylprednisolone" }],
  ["Imitrex 50mg #9", { name: "sumatriptan" }],
];

const compounds: [string, string[]][] = [
  ["Flurbiprofen 20%/Lidocaine 5% cream 180gm", ["flurbiprofen", "lidocaine"]],
  ["Compounded Flurbiprofen 20%/Cyclobenzaprine 4%/Gabapentin 6% cream 180gm", ["flurbiprofen", "cyclobenzaprine", "gabapentin"]],
  ["Ketoprofen 10%/Lidocaine 5%/Gabapentin 10% compound 240gm", ["ketoprofen", "lidocaine", "gabapentin"]],
  ["Compound: gabapentin 10%, amitriptyline 10%, capsaicin 0.0375% 210g", ["gabapentin", "amitriptyline", "capsaicin"]],
  ["Cyclobenzaprine 2%/Flurbiprofen 25% cream 120gm", ["cyclobenzaprine", "flurbiprofen"]],
  ["Tramadol 8%/Gabapentin 10%/Menthol 2%/Camphor 2% cream", ["tramadol", "gabapentin", "methyl salicylate/menthol", "camphor"]],
];

const therapies: [string, Partial<NormalizedRequest>][] = [
  ["PT 2x6", { kind: "therapy", name: "physical therapy", frequencyPerWeek: 2, weeks: 6, visits: 12 }],
  ["Physical therapy 2x6 lumbar spine", { name: "physical therapy", visits: 12, bodyParts: ["lumbar spine"] }],
  ["Physical therapy 2x3 lumbar spine", { visits: 6, weeks: 3 }],
  ["Physical therapy 2x6 cervical spine", { visits: 12, bodyParts: ["cervical spine"] }],
  ["physical therapy 3 x 4 for the right shoulder", { frequencyPerWeek: 3, weeks: 4, visits: 12, laterality: "right", bodyParts: ["shoulder"] }],
  ["Post-operative physical therapy 2x3 right knee", { name: "physical therapy", visits: 6, isPostoperative: true, laterality: "right", bodyParts: ["knee"] }],
  ["Postoperative physical therapy 2x6 right wrist", { visits: 12, isPostoperative: true, bodyParts: ["wrist"] }],
  ["Occupational therapy 2x4 left hand", { name: "physical therapy", visits: 8, laterality: "left" }],
  ["12 visits of physical therapy", { visits: 12 }],
  ["Additional physical therapy 8 sessions", { visits: 8, isRepeat: true }],
  ["Acupuncture 2x3 cervical spine", { kind: "therapy", name: "acupuncture", visits: 6 }],
  ["acupuncture 2 times a week for 3 weeks", { name: "acupuncture", frequencyPerWeek: 2, weeks: 3, visits: 6 }],
  ["Acupuncture 2x6 lumbar spine", { name: "acupuncture", visits: 12 }],
  ["Acupuncture x 6 sessions", { name: "acupuncture", visits: 6 }],
  ["Electroacupuncture 1x6", { name: "acupuncture", visits: 6 }],
  ["Chiropractic treatment 3x2 lumbar spine", { name: "chiropractic", frequencyPerWeek: 3, weeks: 2, visits: 6 }],
  ["Chiropractic care 2x6 cervical and lumbar spine", { name: "chiropractic", visits: 12, bodyParts: ["cervical spine", "lumbar spine"] }],
  ["Chiropractic manipulation x 6 visits", { name: "chiropractic", visits: 6 }],
  ["Massage therapy 1x6", { name: "massage therapy", visits: 6 }],
  ["Aquatic therapy 2x4", { name: "aquatic therapy", visits: 8 }],
  ["Pool therapy 12 sessions", { name: "aquatic therapy", visits: 12 }],
  ["Psychotherapy 1x12 weeks", { name: "psychotherapy", frequencyPerWeek: 1, weeks: 12, visits: 12 }],
  ["Cognitive behavioral therapy x 4 sessions", { name: "psychotherapy", visits: 4 }],
  ["CBT 6 sessions", { name: "psychotherapy", visits: 6 }],
  ["Biofeedback x 6 sessions", { name: "psychotherapy", visits: 6 }],
  ["Functional restoration program x 6 weeks (30 days)", { kind: "program", name: "functional restoration program", weeks: 6 }],
  ["Functional restoration program x 10 days (80 hours)", { kind: "program", durationDays: 10 }],
  ["Work hardening 10 sessions", { kind: "program", name: "work hardening", visits: 10 }],
  ["Home health aide 6 hours/day, 5 days/week x 6 weeks", { kind: "service", name: "home health", hoursPerDay: 6, daysPerWeek: 5, weeks: 6 }],
  ["Home health skilled nursing visits 3x/week x 4 weeks for wound care", { kind: "service", frequencyPerWeek: 3, weeks: 4, visits: 12 }],
  ["Housekeeping services 4 hours per day 3 days per week", { kind: "service", hoursPerDay: 4, daysPerWeek: 3 }],
  ["Transportation to and from medical appointments", { kind: "service", name: "transportation" }],
  ["Gym membership x 6 months", { kind: "program", name: "gym membership", durationDays: 180 }],
  ["Weight loss program (Lindora) x 10 weeks", { kind: "program", name: "weight loss program", weeks: 10 }],
];

const procedures: [string, Partial<NormalizedRequest>][] = [
  ["L4-5 and L5-S1 bilateral facet injections", { kind: "procedure", name: "facet injection", levels: ["L4-5", "L5-S1"], laterality: "bilateral" }],
  ["Left L4-5 transforaminal epidural steroid injection under fluoroscopy", { kind: "procedure", name: "epidural steroid injection", levels: ["L4-5"], laterality: "left" }],
  ["Repeat right L5-S1 interlaminar epidural steroid injection", { name: "epidural steroid injection", levels: ["L5-S1"], laterality: "right", isRepeat: true }],
  ["Cervical epidural steroid injection C6-7", { name: "epidural steroid injection", levels: ["C6-7"], bodyParts: ["cervical spine"] }],
  ["Bilateral L3-L4, L4-L5 medial branch blocks", { name: "facet injection", laterality: "bilateral" }],
  ["Radiofrequency ablation right L3-4, L4-5", { name: "radiofrequency ablation", laterality: "right" }],
  ["Trigger point injections x 4 trapezius", { name: "trigger point injection" }],
  ["Left sacroiliac joint injection", { name: "sacroiliac joint injection", laterality: "left" }],
  ["Synvisc-One injection right knee", { name: "viscosupplementation", laterality: "right", bodyParts: ["knee"] }],
  ["Series of 3 Euflexxa injections left knee", { name: "viscosupplementation", laterality: "left" }],
  ["PRP injection right elbow", { name: "platelet-rich plasma injection", bodyParts: ["elbow"] }],
  ["Left stellate ganglion block", { name: "sympathetic block", laterality: "left" }],
  ["Spinal cord stimulator trial", { name: "spinal cord stimulator" }],
  ["Right shoulder subacromial cortisone injection", { name: "joint injection", laterality: "right" }],
  ["L4-5 posterior lumbar fusion", { kind: "surgery", levels: ["L4-5"] }],
  ["Right knee arthroscopy with partial medial meniscectomy", { kind: "surgery", laterality: "right", bodyParts: ["knee"] }],
  ["Left carpal tunnel release", { kind: "surgery", laterality: "left" }],
  ["Right shoulder arthroscopic rotator cuff repair", { kind: "surgery", laterality: "right", bodyParts: ["shoulder"] }],
  ["C5-6 anterior cervical discectomy and fusion", { kind: "surgery", levels: ["C5-6"] }],
];

const diagnostics: [string, Partial<NormalizedRequest>][] = [
  ["MRI cervical spine without contrast", { kind: "imaging", modality: "mri", bodyParts: ["cervical spine"], contrast: false }],
  ["MRI of the lumbar spine without contrast", { kind: "imaging", modality: "mri", bodyParts: ["lumbar spine"], contrast: false }],
  ["MRI of the left shoulder", { kind: "imaging", modality: "mri", bodyParts: ["shoulder"], laterality: "left" }],
  ["MRI right knee without contrast", { modality: "mri", bodyParts: ["knee"], laterality: "right" }],
  ["MR arthrogram right shoulder", { kind: "imaging", laterality: "right", contrast: true }],
  ["Repeat lumbar MRI", { modality: "mri", isRepeat: true }],
  ["CT scan of the lumbar spine", { kind: "imaging", modality: "ct", bodyParts: ["lumbar spine"] }],
  ["X-rays of the lumbar spine 3 views", { kind: "imaging", modality: "x-ray" }],
  ["Left wrist x-ray", { modality: "x-ray", laterality: "left", bodyParts: ["wrist"] }],
  ["EMG/NCV bilateral lower extremities", { kind: "test", name: "electrodiagnostic study", laterality: "bilateral", bodyParts: ["lower extremity"] }],
  ["EMG/NCV bilateral upper extremities", { kind: "test", laterality: "bilateral", bodyParts: ["upper extremity"] }],
  ["NCS of the right upper extremity", { name: "electrodiagnostic study", laterality: "right" }],
  ["Urine toxicology screen", { kind: "test", name: "urine drug test" }],
  ["Urine drug screen", { kind: "test", name: "urine drug test" }],
  ["UDT x1", { name: "urine drug test" }],
  ["Functional capacity evaluation", { kind: "test", name: "functional capacity evaluation" }],
];

const devices: [string, Partial<NormalizedRequest>][] = [
  ["TENS unit rental x 30 days (home trial)", { kind: "dme", name: "electrical stimulation unit", acquisition: "rental", durationDays: 30 }],
  ["TENS unit purchase", { kind: "dme", acquisition: "purchase" }],
  ["H-wave unit purchase", { kind: "dme", acquisition: "purchase" }],
  ["Interferential unit rental x 1 month", { kind: "dme", acquisition: "rental", durationDays: 30 }],
  ["Cold therapy unit rental x 7 days", { kind: "dme", name: "hot/cold therapy unit", acquisition: "rental", durationDays: 7 }],
  ["Lumbar brace (LSO)", { kind: "dme", name: "brace or orthotic", bodyParts: ["lumbar spine"] }],
  ["Right wrist splint", { kind: "dme", laterality: "right" }],
  ["Custom orthotics replacement", { kind: "dme", name: "brace or orthotic" }],
  ["Purchase of a home traction unit", { kind: "dme", acquisition: "purchase" }],
  ["Ergonomic chair", { kind: "dme" }],
  ["Follow-up visit with pain management", { kind: "visit", name: "office visit or consultation" }],
  ["Orthopedic surgeon consultation", { kind: "visit" }],
  ["Referral to a psychiatrist for evaluation", { kind: "visit" }],
];

describe("parseRequest", () => {
  it.each(drugs)("reads the drug request %s", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
  it.each(compounds)("splits the compound %s into its ingredients", (text, ingredients) => {
    const r = parse(text);
    expect(r.kind).toBe("drug");
    expect(r.isCompound).toBe(true);
    expect(r.ingredients?.map((i) => i.name)).toEqual(ingredients);
  });
  it.each(therapies)("reads the therapy or service request %s", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
  it.each(procedures)("reads the procedure %s with its levels and laterality", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
  it.each(diagnostics)("reads the diagnostic request %s", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });
  it.each(devices)("reads the equipment or visit request %s", (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });

  it("covers more than a hundred written requests", () => {
    expect(drugs.length + compounds.length + therapies.length + procedures.length + diagnostics.length + devices.length).toBeGreaterThan(100);
  });

  it("reads an extended-release form or brand with its own usual dosing when no sig is written", () => {
    // Immediate-release tramadol is dosed four times a day; the once-daily extended-release tablet is not.
    expect(parse("Ultram 50mg #120")).toMatchObject({ daysSupply: 30, mmePerDay: 20 });
    expect(parse("tramadol extended-release 200 mg #30")).toMatchObject({ daysSupply: 30, mmePerDay: 20 });
    expect(parse("ConZip 100mg #30")).toMatchObject({ name: "tramadol", daysSupply: 30, mmePerDay: 10 });
    expect(parse("Amrix 15mg #30")).toMatchObject({ name: "cyclobenzaprine", daysSupply: 30 });
    // A written sig still wins over the usual dosing of the form.
    expect(parse("Tramadol ER 100mg twice daily #60")).toMatchObject({ dosesPerDay: 2, mmePerDay: 20 });
  });

  it("reports the parts of a drug request it did not understand", () => {
    expect(parse("Norco 10/325mg #120 blue pills from the corner store").unparsed.join(" ")).toMatch(/blue pills/);
    expect(parse("Zanaflex 4mg #60 with 3 refills").unparsed).toEqual([]);
  });

  it("never throws and always keeps the text, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parse(text);
        expect(r.text).toBe(text);
        expect(Array.isArray(r.unparsed)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseDosesPerDay", () => {
  it.each([
    ["1 tab TID", 3],
    ["twice daily", 2],
    ["q8h prn", 3],
    ["every 6 hours as needed", 4],
    ["2 tabs bid", 4],
    ["at bedtime", 1],
    ["QID", 4],
  ] as const)("reads %s as %d doses a day", (sig, doses) => {
    expect(parseDosesPerDay(sig)).toBe(doses);
  });
});

describe("readNumber", () => {
  it("reads ordinals in digits or words as the count they name, and nothing else as a number", () => {
    expect(["6th", "sixth", "21st", "second", "twelfth"].map(readNumber)).toEqual([6, 6, 21, 2, 12]);
    expect(["six", "twice", "12"].map(readNumber)).toEqual([6, 2, 12]);
    expect(["th", "sixths", "next"].map(readNumber)).toEqual([undefined, undefined, undefined]);
  });
});
