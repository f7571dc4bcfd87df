/**
 * Writes the synthetic medical-record fixtures under test/fixtures/records/: PR-2s and other reports as PDFs (made
 * with pdfkit), a plain-text record, and the bad inputs (no text layer, encrypted, corrupt, empty, not a PDF).
 * Every person, number and address in them is invented.
 *
 *   node --import tsx scripts/make-record-fixtures.ts [outDir]
 *
 * Also exports the report texts and `writePdf`, which bench/pdf-extraction.ts uses to build a 200-page case file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import PDFDocument from "pdfkit";

/** A PDF's pages, each given as its full text (one string per page, so page numbers are known exactly). */
export type PdfPages = string[];

const FIXED_DATE = new Date(Date.UTC(2015, 5, 1));

/** Renders pages of text to PDF bytes; one string per page. */
export function writePdf(pages: PdfPages, options: { userPassword?: string; drawOnly?: boolean } = {}): Promise<Uint8Array> {
  return new Promise((resolvePdf, reject) => {
    const doc = new PDFDocument({
      size: "LETTER",
      margin: 54,
      autoFirstPage: false,
      info: { CreationDate: FIXED_DATE, Title: "Synthetic medical record" },
      ...(options.userPassword ? { userPassword: options.userPassword, ownerPassword: `${options.userPassword}-owner`, pdfVersion: "1.7" as const } : {}),
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolvePdf(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    for (const page of pages) {
      doc.addPage();
      if (options.drawOnly) {
        // A scan-like page: shapes where lines of text would be, and no text at all.
        for (let y = 80; y < 700; y += 18) doc.rect(54, y, 300 + ((y * 7) % 200), 8).fill("#444");
        continue;
      }
      doc.font("Helvetica").fontSize(9.5).text(page.trim(), { width: 504, lineGap: 1.5 });
    }
    doc.end();
  });
}

const CLINIC = `VALLEY SPINE & ORTHOPEDIC MEDICAL GROUP
1420 Cypress Avenue, Suite 210, Fresno, CA 93721   Tel (559) 555-0143   Fax (559) 555-0144`;
const PATIENT = `Patient: Maria L. Ortega      DOB: 04/12/1968
Claim No.: 05-WC-884213      WCAB No.: ADJ9876543
Employer: Westline Distribution Inc.
Date of Injury: 06/14/2012`;
const SIGNATURE = `Electronically signed by Alan R. Hale, M.D.
Primary Treating Physician, Orthopaedic Surgery`;

/** The chronic low back case: two PR-2s a month apart, each two pages. */
export const PR2_2015_01_06: PdfPages = [
  `${CLINIC}
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
${PATIENT}
Date of Service: 01/06/2015
Page 1 of 2

SUBJECTIVE COMPLAINTS:
The patient is a 46-year-old female warehouse selector who injured her low back on 06/14/2012 while lifting a case of canned goods from a pallet. She returns for follow-up of chronic low back pain radiating into the left leg. She rates her pain 7/10 with medications and 9/10 without medications. She has been on Norco since June 2013. She has also been taking Flexeril for several months for chronic paraspinal spasm. She completed 12 sessions of physical therapy in 2013 with temporary improvement. She had one lumbar epidural steroid injection in 2014 with 50% relief for about three weeks. Ms. Ortega states the medications allow her to walk her dog and do light household chores.

CURRENT MEDICATIONS:
1. Norco 10/325 mg one tablet every 6 hours as needed, #120.
2. Flexeril 7.5 mg one tablet three times daily, #90.
3. Omeprazole 20 mg once daily.`,
  `PR-2 (continued) - Page 2 of 2
Patient: Maria L. Ortega   Date of Service: 01/06/2015

OBJECTIVE FINDINGS:
She walks with an antalgic gait. There is tenderness and muscle spasm over the bilateral lumbar paraspinal muscles. Lumbar flexion is limited to 40 degrees. Straight leg raise is positive on the left at 50 degrees. Sensation is decreased in the left L5 dermatome.

DIAGNOSES:
1. Lumbar disc protrusion at L4-5 (M51.26)
2. Left lumbar radiculopathy (M54.16)
3. Chronic myofascial pain of the lumbar spine

TREATMENT PLAN:
Refill Norco 10/325 mg #120. Refill Flexeril 7.5 mg #90. Continue the home exercise program. Follow up in four weeks.

WORK STATUS:
Modified duty with no lifting over 15 pounds.

${SIGNATURE}`,
];

export const PR2_2015_02_03: PdfPages = [
  `${CLINIC}
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
${PATIENT}
Date of Service: 02/03/2015
Page 1 of 2

SUBJECTIVE COMPLAINTS:
The patient is a 46-year-old female seen in follow-up for chronic low back pain with left leg radiation. She rates her pain 6/10 with medications and 8/10 without medications. The Norco dose was lowered last month at her request. She continues to take Flexeril every day for chronic muscle spasm of the low back; there has been no recent flare-up. She reports no functional improvement since the last visit and still has difficulty standing more than 20 minutes.

CURRENT MEDICATIONS:
1. Norco 7.5/325 mg one tablet every 6 hours as needed, #120.
2. Flexeril 7.5 mg one tablet three times daily, #90.
3. Omeprazole 20 mg once daily.`,
  `PR-2 (continued) - Page 2 of 2
Patient: Maria L. Ortega   Date of Service: 02/03/2015

OBJECTIVE FINDINGS:
Gait is antalgic. Tenderness and spasm persist over the lumbar paraspinal muscles. Lumbar flexion is limited to 40 degrees. Straight leg raise is positive on the left. Motor strength is 5/5 in both lower extremities.

DIAGNOSES:
1. Lumbar disc protrusion at L4-5 (M51.26)
2. Left lumbar radiculopathy (M54.16)
3. Chronic myofascial pain of the lumbar spine

TREATMENT PLAN:
Request Flexeril 7.5 mg #90 for ongoing muscle spasm. Refill Norco 7.5/325 mg #120. Continue the home exercise program.

WORK STATUS:
Modified duty with no lifting over 15 pounds.

${SIGNATURE}`,
];

/** After the UR decision: the timeline shows it, the decision does not read it; it also disagrees on two facts. */
export const PR2_2015_03_10: PdfPages = [
  `${CLINIC}
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
${PATIENT.replace("06/14/2012", "06/14/2011")}
Date of Service: 03/10/2015

SUBJECTIVE COMPLAINTS:
She reports her pain at 6/10 with medications. Flexeril was discontinued after the non-certification. She completed 8 sessions of physical therapy in 2013.

CURRENT MEDICATIONS:
1. Norco 7.5/325 mg one tablet every 6 hours as needed, #120.

DIAGNOSES:
1. Left lumbar radiculopathy (M54.16)

WORK STATUS:
Modified duty.

${SIGNATURE}`,
];

export const MRI_2014_08_20: PdfPages = [
  `CENTRAL VALLEY IMAGING
MRI OF THE LUMBAR SPINE WITHOUT CONTRAST
Patient: Maria L. Ortega   DOB: 04/12/1968
Date of Exam: 08/20/2014
Referring Physician: Alan R. Hale, M.D.

TECHNIQUE:
Sagittal and axial T1 and T2 weighted images of the lumbar spine were obtained.

FINDINGS:
At L4-5 there is a 4 mm left paracentral disc protrusion contacting the traversing left L5 nerve root. L5-S1 shows mild disc desiccation without stenosis.

IMPRESSION:
4 mm left paracentral disc protrusion at L4-5 contacting the left L5 nerve root.

Interpreted by a board-certified radiologist.`,
];

export const EMG_2014_10_02: PdfPages = [
  `ELECTRODIAGNOSTIC CONSULTATION: EMG/NCV OF THE LOWER EXTREMITIES
Patient: Maria L. Ortega   DOB: 04/12/1968
Date of Study: 10/02/2014
Physical Medicine and Rehabilitation

FINDINGS:
Nerve conduction studies of both lower extremities are normal. Needle EMG shows chronic denervation in the left tibialis anterior and left L5 paraspinal muscles.

IMPRESSION:
Electrodiagnostic evidence of a chronic left L5 radiculopathy.`,
];

export const RFA_2015_02_03: PdfPages = [
  `STATE OF CALIFORNIA - DIVISION OF WORKERS' COMPENSATION
REQUEST FOR AUTHORIZATION (DWC Form RFA)
Date of Request: 02/03/2015
Employee Name: Maria L. Ortega   Date of Birth: 04/12/1968
Claim Number: 05-WC-884213
Requesting Physician: Alan R. Hale, M.D., Orthopaedic Surgery

Requested Treatment:
Flexeril 7.5 mg #90 for muscle spasm of the lumbar spine.`,
];

export const UR_2015_02_12: PdfPages = [
  `SIERRA CLAIMS SERVICES
UTILIZATION REVIEW DETERMINATION - NOTICE OF DECISION
Date of Decision: 02/12/2015
RE: Maria Ortega   Claim No.: 05-WC-884213
Request: Flexeril 7.5 mg #90

The request is non-certified. The guideline supports a short course of a muscle relaxant for an acute exacerbation only. There is no documentation of an acute flare-up, and the patient has been taking this medication for several months.

Physician Reviewer: Board Certified in Physical Medicine and Rehabilitation`,
];

/** A short course requested for a documented acute flare: the request should be Overturned. */
export const PR2_ACUTE_FLARE: PdfPages = [
  `HARBOR OCCUPATIONAL MEDICINE
1880 Seaport Boulevard, Long Beach, CA 90802   Phone 562-555-0188
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Daniel K. Whitfield   DOB: 09/30/1979
Claim #: LB-22-40917
Date of Injury: 11/03/2014
Date of Service: 04/21/2015

SUBJECTIVE COMPLAINTS:
The patient is a 35-year-old male forklift operator with low back pain since a lifting injury on 11/03/2014, treated with physical therapy and naproxen with good improvement until this week. Five days ago he had an acute flare-up of low back pain with severe paraspinal muscle spasm after bending to lift a pallet jack handle. He rates his pain 8/10. He has never taken a muscle relaxant.

CURRENT MEDICATIONS:
1. Naproxen 500 mg twice daily.

OBJECTIVE FINDINGS:
There is palpable spasm of the right lumbar paraspinal muscles with guarding. Straight leg raise is negative bilaterally. Neurological examination of the lower extremities is normal.

DIAGNOSES:
1. Acute exacerbation of lumbar strain (S39.012A)

TREATMENT PLAN:
Cyclobenzaprine 7.5 mg one tablet three times daily as needed for 7 days, #21, no refills. Continue naproxen and the home exercise program.

WORK STATUS:
Modified duty for two weeks with no lifting over 20 pounds.

Electronically signed by Priya N. Raman, M.D.
Primary Treating Physician`,
];

/** A neck strain six weeks old with no therapy yet: an initial course of physical therapy is expected to be certified. */
export const PR2_NECK_PT: PdfPages = [
  `COASTAL FAMILY AND OCCUPATIONAL CLINIC
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Teresa M. Lindqvist   DOB: 02/17/1985
Claim No.: CX-5512077
Date of Injury: 03/09/2015
Date of Service: 04/20/2015

SUBJECTIVE COMPLAINTS:
The patient is a 30-year-old female data entry clerk with neck and right shoulder girdle pain since 03/09/2015, when she was rear-ended in a company car. She has had no physical therapy, chiropractic care or injections. Ibuprofen helps a little. She rates her pain 5/10.

OBJECTIVE FINDINGS:
Cervical rotation is limited to 50 degrees bilaterally with trapezius tenderness. Spurling's test is negative. Upper extremity strength, sensation and reflexes are normal.

DIAGNOSES:
1. Cervical strain (S16.1XXA)

TREATMENT PLAN:
Request physical therapy 2 times a week for 3 weeks for the cervical spine, with a home exercise program.

WORK STATUS:
Full duty.

Electronically signed by Samuel T. Okafor, D.O.
Treating Physician`,
];

/** Low back pain for three weeks, no red flags, normal neurological exam: an MRI is expected to be non-certified. */
export const PR2_EARLY_MRI: PdfPages = [
  `EASTSIDE INDUSTRIAL MEDICINE
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Victor A. Salcedo   DOB: 12/01/1990
Claim No.: ES-3090412
Date of Injury: 05/04/2015
Date of Service: 05/26/2015

SUBJECTIVE COMPLAINTS:
The patient is a 24-year-old male landscaper with low back pain for three weeks after pulling a mower onto a trailer. There is no radiation into the legs. He denies bowel or bladder dysfunction, fever or weight loss. He has not started physical therapy.

OBJECTIVE FINDINGS:
There is mild lumbar paraspinal tenderness. Straight leg raise is negative bilaterally. Strength, sensation and reflexes are normal in both lower extremities.

DIAGNOSES:
1. Lumbar strain (S39.012A)

TREATMENT PLAN:
Request MRI of the lumbar spine without contrast. Begin physical therapy and ibuprofen 600 mg three times daily.

WORK STATUS:
Modified duty.

Electronically signed by Helen V. Marsh, M.D.`,
];

/** Radiculopathy on exam, MRI and EMG, after failed therapy: an epidural steroid injection is expected to be certified. */
export const PR2_ESI: PdfPages = [
  `DESERT PAIN AND SPINE ASSOCIATES
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Gloria P. Benavides   DOB: 07/22/1972
Claim No.: DP-7720913
Date of Injury: 01/15/2015
Date of Service: 06/02/2015

SUBJECTIVE COMPLAINTS:
The patient is a 42-year-old female home health aide with low back pain radiating down the right leg to the foot since lifting a client on 01/15/2015. She completed 12 sessions of physical therapy and took naproxen and gabapentin without adequate relief. She rates her pain 7/10.

OBJECTIVE FINDINGS:
Straight leg raise is positive on the right at 40 degrees. The right ankle reflex is absent and sensation is decreased over the right lateral foot.
MRI of the lumbar spine dated 04/10/2015 showed a right L5-S1 disc extrusion compressing the right S1 nerve root. EMG/NCV dated 05/12/2015 showed an acute right S1 radiculopathy.

DIAGNOSES:
1. Right S1 radiculopathy (M54.17)
2. L5-S1 disc extrusion (M51.27)

TREATMENT PLAN:
Request a right L5-S1 transforaminal epidural steroid injection, with continued home exercise.

WORK STATUS:
Temporarily totally disabled until the next visit.

Electronically signed by Marcus J. Feld, M.D.
Pain Management`,
];

/** Two years of Norco without documented improvement or monitoring: continued opioids are expected to be non-certified. */
export const PR2_OPIOID: PdfPages = [
  `NORTH BAY ORTHOPEDICS
PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Raymond E. Costa   DOB: 03/03/1961
Claim No.: NB-1187320
Date of Injury: 02/11/2012
Date of Service: 05/05/2015

SUBJECTIVE COMPLAINTS:
The patient is a 54-year-old male former truck driver with chronic neck and low back pain since a fall from a loading dock on 02/11/2012. He has been on Norco 10/325 mg four times daily since May 2013. He rates his pain 8/10 and it is unchanged from prior visits. He reports no functional improvement and remains unable to do yard work. No urine drug screen or pain agreement is on file.

OBJECTIVE FINDINGS:
Cervical and lumbar range of motion are reduced with diffuse tenderness. Neurological examination is nonfocal.

DIAGNOSES:
1. Chronic cervical strain
2. Chronic lumbar strain

TREATMENT PLAN:
Refill Norco 10/325 mg #120.

WORK STATUS:
Temporarily totally disabled.

Electronically signed by Lena C. Park, M.D.`,
];

/** The disputed items and the decisions the records should lead to (the engine is checked against these). */
export const RECORD_CASES = [
  { file: "two-report-case.pdf", items: ["Flexeril 7.5mg #90"], expected: ["Upheld"], family: "muscle relaxant" },
  { file: "acute-flare-pr2.pdf", items: ["Cyclobenzaprine 7.5mg #21"], expected: ["Overturned"], family: "muscle relaxant" },
  { file: "full-case-file.pdf", items: ["Flexeril 7.5mg #90"], expected: ["Upheld"], family: "muscle relaxant" },
  { file: "neck-pt-pr2.pdf", items: ["Physical therapy 2x3 cervical spine"], expected: ["Overturned"], family: "physical therapy" },
  { file: "early-mri-pr2.pdf", items: ["MRI lumbar spine without contrast"], expected: ["Upheld"], family: "imaging" },
  { file: "esi-pr2.pdf", items: ["Right L5-S1 transforaminal epidural steroid injection"], expected: ["Overturned"], family: "epidural steroid injection" },
  { file: "opioid-pr2.pdf", items: ["Norco 10/325mg #120"], expected: ["Upheld"], family: "opioid" },
];

const TEXT_RECORD = `PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Patient: Maria L. Ortega   DOB: 04/12/1968
Date of Service: 12/02/2014

SUBJECTIVE COMPLAINTS:
She rates her pain 7/10 with medications and 9/10 without medications. She takes Flexeril 7.5 mg three times daily and Norco 10/325 mg up to four times daily.

WORK STATUS:
Modified duty.
`;

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(import.meta.dirname, "../test/fixtures/records"));
  mkdirSync(out, { recursive: true });
  const write = async (name: string, pages: PdfPages, options?: Parameters<typeof writePdf>[1]) =>
    writeFileSync(join(out, name), await writePdf(pages, options));
  await write("two-report-case.pdf", [...PR2_2015_01_06, ...PR2_2015_02_03]);
  await write("full-case-file.pdf", [
    ...MRI_2014_08_20,
    ...EMG_2014_10_02,
    ...PR2_2015_01_06,
    ...PR2_2015_02_03,
    ...RFA_2015_02_03,
    ...UR_2015_02_12,
    ...PR2_2015_03_10,
  ]);
  await write("acute-flare-pr2.pdf", PR2_ACUTE_FLARE);
  await write("neck-pt-pr2.pdf", PR2_NECK_PT);
  await write("early-mri-pr2.pdf", PR2_EARLY_MRI);
  await write("esi-pr2.pdf", PR2_ESI);
  await write("opioid-pr2.pdf", PR2_OPIOID);
  await write("scanned-no-text.pdf", ["", ""], { drawOnly: true });
  await write("encrypted.pdf", PR2_ACUTE_FLARE, { userPassword: "synthetic" });
  const good = await writePdf(PR2_NECK_PT);
  // Damaged: the first third of a good PDF followed by bytes that are no PDF syntax.
  const corrupt = new Uint8Array(Math.floor(good.length / 3) + 64);
  corrupt.set(good.subarray(0, Math.floor(good.length / 3)));
  corrupt.fill(0x41, Math.floor(good.length / 3));
  writeFileSync(join(out, "corrupt.pdf"), corrupt);
  writeFileSync(join(out, "empty.pdf"), new Uint8Array(0));
  writeFileSync(join(out, "not-a-pdf.pdf"), "Progress note saved as plain text with a .pdf name.\nDate of Service: 01/06/2015\n");
  writeFileSync(join(out, "pr2-2014-12-02.txt"), TEXT_RECORD);
  for (const c of RECORD_CASES) {
    writeFileSync(join(out, c.file.replace(/\.pdf$/, ".case.json")), `${JSON.stringify({ items: c.items.map((request) => ({ request })) }, null, 2)}\n`);
  }
  writeFileSync(join(out, "expected.json"), `${JSON.stringify(RECORD_CASES, null, 2)}\n`);
  process.stdout.write(`Wrote record fixtures to ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("make-record-fixtures.ts")) await main();
