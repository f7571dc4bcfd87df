import type { RecordText } from "../facts/types.ts";
import type { EvidenceSpan, PlainDate } from "../shared/types.ts";

/** The kinds of report a workers' compensation case file holds. */
export type ReportType =
  | "PR-2"
  | "initial report"
  | "consultation"
  | "QME report"
  | "AME report"
  | "operative report"
  | "MRI report"
  | "CT report"
  | "X-ray report"
  | "EMG/NCV report"
  | "physical therapy note"
  | "UR determination"
  | "RFA"
  | "report";

/** One file of the case file as it was read: a name and the text of each page (page 1 first). */
export type RecordFile = { name: string; pages: string[] };

/**
 * One report found in a file. `pages` are the report's own pages (page 1 = its first page), as the engine reads
 * them; `filePages` says which pages of the file they were.
 */
export type CaseDocument = RecordText & {
  type: ReportType;
  file: string;
  filePages: number[];
  /** The author's role ("primary treating physician", "radiologist"); never a name. */
  authorRole?: string;
};

export type IdentifierKind = "name" | "employer" | "date of birth" | "claim number" | "ssn" | "address" | "phone" | "email";

/** An identifier found on a page: its kind and where it is; the text itself is never copied out. */
export type IdentifierSpan = { kind: IdentifierKind; start: number; end: number };

export type MedicationDose = { date?: PlainDate; dose: string; evidence: EvidenceSpan };

/** One medication across the visits: when it was first and last documented, its doses, and how long it has been used. */
export type MedicationCourse = {
  /** Generic name from the vocabulary ("hydrocodone/acetaminophen"). */
  name: string;
  namesAsWritten: string[];
  drugClass?: string;
  /** Start as stated ("since June 2013") or the first visit that lists it, whichever is earlier. */
  start?: PlainDate;
  startStated: boolean;
  /** Date it was stopped, when a report says so and no later report lists it again. */
  stop?: PlainDate;
  /** Last report that lists it as taken. */
  lastDocumented?: PlainDate;
  status: "current" | "stopped" | "requested only";
  /** Weeks from start to stop (or to the report the request is judged against). */
  durationWeeks?: number;
  /** Reports that list it as taken or refilled. */
  visitsListed: number;
  doses: MedicationDose[];
  evidence: EvidenceSpan[];
};

export type PainScore = {
  date?: PlainDate;
  document: string;
  score?: number;
  withMedication?: number;
  withoutMedication?: number;
  evidence: EvidenceSpan;
};

export type StatusEntry<T extends string> = { date?: PlainDate; document: string; status: T; evidence: EvidenceSpan };

export type WorkStatus = "temporarily totally disabled" | "modified duty" | "full duty" | "not working" | "permanent and stationary";
export type FunctionStatus = "improved" | "unchanged" | "worse" | "limited";

/** A treatment received: the largest count reported (counts are cumulative) and the responses reported. */
export type TreatmentCourse = {
  kind: string;
  count?: number;
  unit?: string;
  responses: { date?: PlainDate; text: string; evidence: EvidenceSpan }[];
  mentions: { date?: PlainDate; document: string; count?: number; evidence: EvidenceSpan }[];
};

export type Study = { kind: "MRI" | "CT" | "X-ray" | "EMG/NCV"; bodyPart?: string; date?: PlainDate; document: string; evidence: EvidenceSpan };
export type Surgery = { procedure: string; date?: PlainDate; document: string; evidence: EvidenceSpan };
export type Diagnosis = { text: string; firstDocumented?: PlainDate; documents: string[]; evidence: EvidenceSpan[] };

/** Two or more reports that disagree; every statement is kept, none is averaged away. */
export type Conflict = { topic: string; statements: { document: string; date?: PlainDate; value: string; evidence: EvidenceSpan }[] };

export type DocumentEntry = {
  document: string;
  type: ReportType;
  date?: PlainDate;
  authorRole?: string;
  file: string;
  filePages: number[];
  /** The latest clinical report on or before the UR decision: the request is judged against it. */
  isJudgedAgainst: boolean;
  /** Whether the engine reads it for the decision (not the UR determination itself, nothing dated after it). */
  isUsedForDecision: boolean;
  note?: string;
};

/** One patient timeline merged from all documents of the case file. */
export type ClinicalTimeline = {
  documents: DocumentEntry[];
  urDecisionDate?: PlainDate;
  judgedAgainst?: string;
  patient: { age?: number; sex?: "male" | "female"; dateOfInjury?: PlainDate; mechanism?: EvidenceSpan };
  medications: MedicationCourse[];
  pain: PainScore[];
  function: StatusEntry<FunctionStatus>[];
  workStatus: StatusEntry<WorkStatus>[];
  treatments: TreatmentCourse[];
  studies: Study[];
  surgeries: Surgery[];
  diagnoses: Diagnosis[];
  conflicts: Conflict[];
};
