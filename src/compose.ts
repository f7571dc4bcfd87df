import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { DbAuditTrail, DbCaseStore } from "./adapters/db/case-store.ts";
import { DbLetterStore } from "./adapters/db/letter-store.ts";
import { DbPanelStore } from "./adapters/db/panel-store.ts";
import type { Db } from "./adapters/db/db.ts";
import { openDatabase } from "./adapters/db/open-database.ts";
import { makeSecrets } from "./adapters/auth/secrets.ts";
import { DbUserStore } from "./adapters/db/user-store.ts";
import { loadKnowledgeBase, loadSpecialtyTable } from "./adapters/knowledge/load-knowledge-base.ts";
import { extractPdfPages } from "./adapters/pdf/extract-text.ts";
import type { Config } from "./config.ts";
import type { FinalDeterminationLetter } from "./domain/letter/model.ts";
import type { KnowledgeBase } from "./domain/guidelines/types.ts";
import { makeAccounts } from "./services/accounts.ts";
import { type Assignment, makeAssignment } from "./services/assignment.ts";
import { makeCases } from "./services/cases.ts";
import type { Letterhead } from "./services/letters.ts";
import { makeReview, type Review } from "./services/review.ts";
import { makeDrafting } from "./services/drafting.ts";
import { makeIntake } from "./services/intake.ts";
import { makePanel } from "./services/panel.ts";
import type { CaseStore, Clock, PanelStore, Secrets } from "./services/ports.ts";
import { makeLibrary } from "./services/library.ts";
import { makeRecords } from "./services/records.ts";

let cachedKnowledge: { dir: string | undefined; kb: KnowledgeBase } | undefined;

/** The knowledge base named by the configuration, read once per process. */
export function knowledgeFor(config: Config): KnowledgeBase {
  if (!cachedKnowledge || cachedKnowledge.dir !== config.knowledgeDir) {
    cachedKnowledge = { dir: config.knowledgeDir, kb: loadKnowledgeBase(config.knowledgeDir) };
  }
  return cachedKnowledge.kb;
}

/** Builds the services that need no database. */
export function composeDrafting(config: Config) {
  return makeDrafting({ knowledge: knowledgeFor(config) });
}

/** Builds the library of published letters (parsing letters needs no database). */
export function composeLibrary(config: Config) {
  return makeLibrary({ knowledge: knowledgeFor(config), pdfPages: extractPdfPages });
}

/** Default largest record file read (OPENIMR_MAX_RECORD_MB overrides it). */
const DEFAULT_MAX_RECORD_BYTES = 100 * 1024 * 1024;

/** Builds the records use case: PDF text through unpdf, files from the local disk, no OCR yet. */
export function composeRecords(config: Config) {
  return makeRecords({
    pdfPages: extractPdfPages,
    files: { size: async (path) => (await stat(path)).size, read: async (path) => new Uint8Array(await readFile(path)) },
    vocabulary: knowledgeFor(config).drugs,
    maxRecordBytes: config.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  });
}

/** Today in California (the IMR clocks run on California days), and now. */
export const systemClock: Clock = {
  today: () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()),
  now: () => new Date(),
};

/** A new case id: "IMR-<year received>-<8 hex digits>". */
export const caseIds = { newCaseId: (receivedOn: string) => `IMR-${receivedOn.slice(0, 4)}-${randomBytes(4).toString("hex").toUpperCase()}` };

/** The case services on the configured database (embedded in config.dataDir, or PostgreSQL at config.databaseUrl). */
export async function composeCaseServices(config: Config, options: { clock?: Clock; db?: Db; secrets?: Secrets } = {}) {
  const db = options.db ?? (await openDatabase({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }));
  const clock = options.clock ?? systemClock;
  const store = new DbCaseStore(db);
  const common = { cases: store, clock, organisationName: config.organisationName };
  const cases = makeCases({ ...common, audit: new DbAuditTrail(db) });
  const panelStore = new DbPanelStore(db);
  let assignment: Assignment | undefined;
  let review: Review | undefined;
  return {
    intake: makeIntake({ ...common, ids: caseIds }),
    cases,
    /** Built on first use: the case commands never load the knowledge base. */
    get drafting() {
      return composeDrafting(config);
    },
    /** Reading record files (PDF or text) to store with a case; built on first use (it reads the drug vocabulary). */
    get records() {
      return composeRecords(config);
    },
    /** The reviewer's working copy, QA, issue and publication (issue 7); built on first use, like drafting. */
    get review() {
      review ??= composeReview(config, db, store, clock, panelStore);
      return review;
    },
    panel: makePanel({ panel: panelStore, clock }),
    /** Reviewer assignment (issue 6); built on first use because it classifies items with the knowledge base. */
    get assignment() {
      assignment ??= makeAssignment({
        panel: panelStore,
        cases: store,
        caseService: cases,
        clock,
        classify: composeDrafting(config).classify,
        specialties: loadSpecialtyTable(config.knowledgeDir),
        organisationName: config.organisationName,
      });
      return assignment;
    },
    /** Users, sign-in and sessions (issue 6); one per process, so the login limiter counts across requests. */
    accounts: makeAccounts({ users: new DbUserStore(db), secrets: options.secrets ?? makeSecrets(), clock }),
    database: db.kind,
    close: () => db.close(),
  };
}

export type CaseServices = Awaited<ReturnType<typeof composeCaseServices>>;

/** The letterhead printed on every letter, from the configuration. */
export function letterheadOf(config: Config): Letterhead {
  return { name: config.organisationName, addressLines: config.organisationAddress, ...(config.organisationPhone ? { phone: config.organisationPhone } : {}) };
}

/** The review and letters use case on a database: the case store, the letter store, the panel, the drafting engine and the records reader. */
export function composeReview(config: Config, db: Db, cases: CaseStore, clock: Clock, panel: Pick<PanelStore, "get" | "assignmentsFor"> = new DbPanelStore(db)): Review {
  const knowledge = knowledgeFor(config);
  return makeReview({
    cases,
    letters: new DbLetterStore(db),
    drafting: composeDrafting(config),
    clock,
    letterhead: letterheadOf(config),
    knownCitations: knowledge.entries.flatMap((e) => e.citations.map((c) => ({ source: c.source, ...(c.shortSource ? { shortSource: c.shortSource } : {}), ...(c.pages ? { pages: c.pages } : {}) }))),
    panel,
    records: composeRecords(config),
  });
}

/** Renders a letter as PDF (pdfkit adapter). */
export async function renderPdf(letter: FinalDeterminationLetter, options: { published?: boolean } = {}): Promise<Uint8Array> {
  // pdfkit and its fonts load only when a PDF is asked for.
  const { renderLetterPdf } = await import("./adapters/render/pdf-letter.ts");
  return renderLetterPdf(letter, options);
}

/** Today's date on this machine, for commands that stamp a date. */
export function systemToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
