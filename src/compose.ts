import { loadKnowledgeBase } from "./adapters/knowledge/load-knowledge-base.ts";
import { extractPdfPages } from "./adapters/pdf/extract-text.ts";
import type { Config } from "./config.ts";
import type { KnowledgeBase } from "./domain/guidelines/types.ts";
import { makeDrafting } from "./services/drafting.ts";
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
