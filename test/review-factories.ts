// A case for the reviewer workflow: the seed's Zanaflex request and a left-knee MRI, with a progress report that
// names the worker, the physician, a date of birth, a claim number and a phone number, so redaction has work to do.
import type { Application } from "../src/domain/case/types.ts";
import type { ExpertReviewer } from "../src/domain/reviewers/types.ts";
import type { Clock, PanelStore, ReviewerAssignment } from "../src/services/ports.ts";
import { makeApplication } from "./case-factories.ts";

export const WORKER = "Jordan Q. Sample";
export const PHYSICIAN = "Dr. Casey Treater";
export const REVIEWER_NAME = "Dr. Morgan Reviewerly";
export const CLAIM_NUMBER = "CLM-778899";
export const PHONE = "(916) 555-0142";
export const DATE_OF_BIRTH = "1963-01-02";

export const PROGRESS_REPORT = `PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)
Date of service: 10/22/2014
Patient: ${WORKER}   DOB: 01/02/1963   Claim #: ${CLAIM_NUMBER}
Phone: ${PHONE}

SUBJECTIVE: The patient is a 51-year-old male who was injured in a motor vehicle accident while driving a company van. He complains of posterior neck and left arm pain in addition to low back and left leg pain. He has been on Flexeril (cyclobenzaprine) for several months. Zanaflex was started around 9/22/2014 and appears to have replaced Flexeril. He has chronic muscle pain and chronic muscle spasms; there is no flare-up of muscle spasm. Pain is 6/10 with medications and 9/10 without. He reports left knee pain with clicking.

OBJECTIVE: Tenderness of the posterior cervical region with spasm over the bilateral trapezii. Left knee: medial joint line tenderness, full range of motion, no effusion.

DIAGNOSES: Cervical radiculopathy. Lumbar degenerative disc disease. Left knee pain.

PLAN: Continue Zanaflex 4mg #60 with 3 refills. MRI of the left knee.

Casey Treater, M.D.`;

let injuries = 0;

/** The application of the review test case; each call has another date of injury, so cases of one database never meet as duplicates. */
export function makeReviewApplication(overrides: Partial<Application> = {}): Application {
  injuries += 1;
  return makeApplication({
    receivedDate: "2014-11-03",
    dateOfInjury: `2001-0${1 + (injuries % 9)}-${String(1 + (Math.floor(injuries / 9) % 28)).padStart(2, "0")}`,
    employee: { name: `${WORKER}`, claimNumber: `${CLAIM_NUMBER}`, dateOfBirth: DATE_OF_BIRTH, phone: PHONE, address: "1420 Cypress Avenue, Fresno, CA 93721" },
    treatingPhysician: { name: PHYSICIAN, specialty: "pain medicine" },
    urDecision: {
      date: "2014-10-28",
      servedDate: "2014-10-28",
      serviceMethod: "electronic",
      attached: true,
      items: [
        { request: "Zanaflex 4mg #60 with 3 refills", decision: "denied", basis: "medical necessity" },
        { request: "MRI left knee", decision: "denied", basis: "medical necessity" },
      ],
    },
    attachments: [{ title: "PR-2 10/22/2014", kind: "PR-2", text: PROGRESS_REPORT }],
    ...overrides,
  });
}

export const REVIEWER: ExpertReviewer = {
  id: "rev-001",
  name: REVIEWER_NAME,
  licences: [{ state: "CA", number: "A000001", status: "active", expires: "2027-06-30" }],
  boardCertifications: ["Internal Medicine"],
  specialties: ["internal medicine"],
  activePracticeSince: "2001-07-01",
  hoursPerWeekInPractice: 32,
  affiliations: [],
  capacity: 12,
  openCases: 0,
};

/** A panel with one reviewer designated to every case, or to none. */
export function makePanel(options: { designated?: boolean } = {}): Pick<PanelStore, "get" | "assignmentsFor"> {
  return {
    get: async (id) => (id === REVIEWER.id ? REVIEWER : undefined),
    assignmentsFor: async (caseId): Promise<ReviewerAssignment[]> =>
      options.designated === false ? [] : [{ id: 1, caseId, reviewerId: REVIEWER.id, items: [], assignedOn: "2014-11-03", why: "test designation" }],
  };
}

/** A clock a test moves by hand. */
export function movableClock(today: string): Clock & { set(day: string): void } {
  let day = today;
  return { today: () => day, now: () => new Date(`${day}T17:00:00Z`), set: (d) => (day = d) };
}
