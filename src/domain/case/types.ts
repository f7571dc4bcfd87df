import type { Issue, PlainDate } from "../shared/types.ts";

/** The IMR organisation's id for a case ("IMR-2015-02-20-4f3a9c"). */
export type CaseId = string & { readonly __brand?: "CaseId" };

/** Regular review (the form's "Regular") or expedited review (imminent and serious threat, imr-process.md §15). */
export type Track = "standard" | "expedited";

/** How the written UR decision was served on the employee. */
export type ServiceMethod = "mail" | "electronic" | "fax" | "personal";

/** What utilization review decided on one requested treatment (imr-process.md §5.1, §7.2 CNC_DECISION). */
export type UrItemDecision = "approved" | "modified" | "delayed" | "denied" | "conditionally non-certified";

/** Who signed and filed the DWC Form IMR (imr-process.md §6.1: only the employee side may file). */
export type FilerRole = "employee" | "attorney" | "guardian" | "designee" | "employer" | "insurer" | "claims administrator" | "physician";

/** The decision of the expert reviewer on one disputed item. */
export type Determination = "Upheld" | "Overturned";

export type Party = { name: string; phone?: string; address?: string };

export type Employee = Party & { claimNumber?: string; dateOfBirth?: PlainDate };

export type TreatingPhysician = Party & { specialty?: string; group?: string };

/** One treatment the UR decision denied, modified or delayed, as written on the RFA ("Norco 10/325mg #120"). */
export type DisputedItem = {
  request: string;
  decision: UrItemDecision;
  /** Why UR acted: "medical necessity", or another ground (liability, payment, ...) that IMR does not decide. */
  basis: string;
};

/** The written UR determination the employee asks IMR to review (imr-process.md §5, §6.3). */
export type UrDecision = {
  date: PlainDate;
  /** When the written decision was served on the employee; the 30-day filing window runs from here. */
  servedDate?: PlainDate;
  serviceMethod?: ServiceMethod;
  /** Whether a copy of the written UR decision came with the application. */
  attached: boolean;
  /** False when the UR decision itself was made late (Dubon II: the WCAB, not IMR, decides). */
  timely?: boolean;
  items: DisputedItem[];
};

/** The treating physician's written certification that supports an expedited review (8 CCR §9792.10.4(c)). */
export type ExpeditedCertification = { physician: string; date?: PlainDate; hasSupportingDocumentation?: boolean };

/** A record that came with the case; a form feed ("\f") in `text` separates its pages, and `pages` counts them. */
export type Attachment = { title: string; kind?: string; text?: string; pages?: number };

/** A DWC Form IMR application with what came with it (imr-process.md §6.4). */
export type Application = {
  receivedDate: PlainDate;
  signed: boolean;
  signedDate?: PlainDate;
  filedBy?: { role: FilerRole; name?: string; designatedOn?: PlainDate };
  expedited: boolean;
  expeditedCertification?: ExpeditedCertification;
  dateOfInjury?: PlainDate;
  employee: Employee;
  representative?: Party;
  employer?: Party;
  claimsAdministrator?: Party & { adjuster?: string };
  treatingPhysician?: TreatingPhysician;
  urOrganization?: { name: string; physician?: string };
  urDecision?: UrDecision;
  /** The claims administrator disputes liability for the injury or body part (8 CCR §9792.10.3(d)). */
  liabilityDisputed?: boolean;
  /** A dispute over a drug under the MTUS Drug Formulary (dispute on/after 2018-01-01; LC §4610.6(d)(1)(A)). */
  formularyDispute?: boolean;
  attachments?: Attachment[];
};

/** Why a reason stops or holds the case (imr-process.md §7.2, "effect"). */
export type EligibilityEffect = "ineligible" | "deferred" | "duplicate";

export type EligibilityReason = Issue & { citation: string; effect: EligibilityEffect };

export type Eligibility = { eligible: boolean; deferred: boolean; reasons: EligibilityReason[]; notes: Issue[] };

export type CaseStatus =
  | "received"
  | "screened"
  | "eligible"
  | "ineligible"
  | "assigned"
  | "records_complete"
  | "in_review"
  | "decided"
  | "letter_issued"
  | "withdrawn";

export type NoticeChannel = "mail" | "electronic";

export type RecordsParty = "claims_administrator" | "employee" | "physician";

export type ItemDetermination = { request: string; determination: Determination };

/** Something that happened to a case; `on` is the day it happened (the clocks run from these). */
export type CaseEvent =
  | { type: "received"; on: PlainDate }
  | { type: "screened"; on: PlainDate; eligibility: Eligibility }
  | { type: "deferral_lifted"; on: PlainDate; note?: string }
  | { type: "assigned"; on: PlainDate; noticeChannel: NoticeChannel }
  | { type: "records_received"; on: PlainDate; from: RecordsParty; complete: boolean }
  | { type: "review_started"; on: PlainDate }
  | { type: "decided"; on: PlainDate; items: ItemDetermination[] }
  | { type: "letter_issued"; on: PlainDate }
  | { type: "withdrawn"; on: PlainDate; reason?: string };

export type CaseEventType = CaseEvent["type"];

/** An IMR case: the application and everything that has happened to it. */
export type ImrCase = {
  id: CaseId;
  /** Bumped on every saved change; a save with a stale version is refused (optimistic concurrency). */
  version: number;
  status: CaseStatus;
  track: Track;
  application: Application;
  eligibility?: Eligibility;
  /** When the eligibility finding was made (the assignment notice is due one business day later). */
  eligibleOn?: PlainDate;
  assignment?: { on: PlainDate; noticeChannel: NoticeChannel };
  recordsReceived: { on: PlainDate; from: RecordsParty; complete: boolean }[];
  /** The day the IMRO had the request and its supporting documentation: the determination clock starts here. */
  recordsCompleteOn?: PlainDate;
  reviewStartedOn?: PlainDate;
  determinations?: ItemDetermination[];
  decidedOn?: PlainDate;
  letterIssuedOn?: PlainDate;
  withdrawnOn?: PlainDate;
  events: CaseEvent[];
};
