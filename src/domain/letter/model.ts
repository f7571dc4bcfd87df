import type { PlainDate } from "../shared/types.ts";

export type LetterItem = {
  request: string;
  decision: "Upheld" | "Overturned";
  claimsAdministratorGuideline: string | null;
  imroGuideline: { source: string; section?: string; pages?: string | null } | null;
  rationale: string;
};

export type DocumentReviewed = { type: string; authorRole?: string; date?: PlainDate; through?: PlainDate; pages?: number };

/** The parties' identifying details: on the copies the parties receive, never on the published copy. */
export type LetterParties = {
  employee?: string;
  claimNumber?: string;
  dateOfInjury?: PlainDate;
  employer?: string;
  claimsAdministrator?: string;
  requestingPhysician?: string;
};

/** The Final Determination Letter: the parts of the published letters, plus the header and the rights that follow. */
export type FinalDeterminationLetter = {
  organisation: { name: string; addressLines: string[]; phone?: string };
  caseNumber: string;
  letterDate: PlainDate;
  dates: { applicationReceived?: PlainDate; urDecision?: PlainDate; assigned?: PlainDate; recordsComplete?: PlainDate; determination?: PlainDate };
  parties: LetterParties;
  qualifications: string;
  documentsReviewed: DocumentReviewed[];
  caseSummary: string;
  items: LetterItem[];
  knowledgeBaseVersion?: string;
};

export type LetterSection = { heading: string; paragraphs: string[] };
