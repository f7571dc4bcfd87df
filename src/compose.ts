import { randomBytes } from "node:crypto";
import { DbAuditTrail, DbCaseStore } from "./adapters/db/case-store.ts";
import type { Db } from "./adapters/db/db.ts";
import { openDatabase } from "./adapters/db/open-database.ts";
import { loadKnowledgeBase } from "./adapters/knowledge/load-knowledge-base.ts";
import { extractPdfPages } from "./adapters/pdf/extract-text.ts";
import { renderLetterPdf } from "./adapters/render/pdf-letter.ts";
import type { Config } from "./config.ts";
import type { KnowledgeBase } from "./domain/guidelines/types.ts";
import { makeCases } from "./services/cases.ts";
import { makeDrafting } from "./services/drafting.ts";
import { makeIntake } from "./services/intake.ts";
import type { Clock } from "./services/ports.ts";
import { makeLibrary } from "./services/library.ts";

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

/** Today in California (the IMR clocks run on California days), and now. */
export const systemClock: Clock = {
  today: () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()),
  now: () => new Date(),
};

/** A new case id: "IMR-<year received>-<8 hex digits>". */
export const caseIds = { newCaseId: (receivedOn: string) => `IMR-${receivedOn.slice(0, 4)}-${randomBytes(4).toString("hex").toUpperCase()}` };

/** The case services on the configured database (embedded in config.dataDir, or PostgreSQL at config.databaseUrl). */
export async function composeCaseServices(config: Config, options: { clock?: Clock; db?: Db } = {}) {
  const db = options.db ?? (await openDatabase({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) }));
  const clock = options.clock ?? systemClock;
  const store = new DbCaseStore(db);
  const common = { cases: store, clock, organisationName: config.organisationName };
  return {
    intake: makeIntake({ ...common, ids: caseIds }),
    cases: makeCases({ ...common, audit: new DbAuditTrail(db) }),
    drafting: composeDrafting(config),
    database: db.kind,
    close: () => db.close(),
  };
}

export type CaseServices = Awaited<ReturnType<typeof composeCaseServices>>;

/** Renders a letter as PDF (pdfkit adapter). */
export const renderPdf = renderLetterPdf;

/** Today's date on this machine, for commands that stamp a date. */
export function systemToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
