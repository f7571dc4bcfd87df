import type { PlainDate } from "../shared/types.ts";

export type LicenceStatus = "active" | "inactive" | "expired" | "suspended" | "revoked" | "restricted" | "probation";

export type Licence = { state: string; number: string; status: LicenceStatus; expires: PlainDate };

export type AffiliationKind =
  | "employer"
  | "employee"
  | "claims administrator"
  | "insurer"
  | "medical provider network"
  | "ur organization"
  | "ur physician"
  | "medical group"
  | "provider"
  | "institution"
  | "manufacturer"
  | "other";

/** A professional, financial or familial tie that can make a reviewer conflicted (LC §139.5(d)(5)-(6)). */
export type Affiliation = { kind: AffiliationKind; name: string; nature?: "professional" | "financial" | "familial" };

/** An expert reviewer on the IMR organisation's panel. Only staff ever see the name, licence numbers and id. */
export type ExpertReviewer = {
  id: string;
  name: string;
  degree?: string;
  licences: Licence[];
  boardCertifications: string[];
  specialties: string[];
  activePracticeSince: PlainDate;
  hoursPerWeekInPractice: number;
  affiliations: Affiliation[];
  capacity: number;
  openCases: number;
  available?: boolean;
  /** Keys of workers this reviewer has reviewed before (see workerKey). */
  reviewedWorkers?: string[];
};

/** The parties of a case a reviewer must have no material affiliation with. */
export type CaseParties = {
  employee: string;
  employer?: string;
  claimsAdministrator?: string;
  insurer?: string;
  medicalProviderNetwork?: string;
  urOrganization?: string;
  urPhysician?: string;
  providers: { name: string; group?: string }[];
  institution?: string;
  manufacturer?: string;
  /** Identifies the worker across cases (e.g. name + date of injury); see workerKey. */
  workerKey?: string;
};

/** Specialties that evaluate or treat a treatment family, with the reason (knowledge/reviewer-specialties.json). */
export type SpecialtyMapping = { families: string[]; bodyParts?: string[]; specialties: string[]; rationale: string };

export type ReviewerIssue = { code: string; message: string; citation: string };
