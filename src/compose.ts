import { loadKnowledgeBase } from "./adapters/knowledge/load-knowledge-base.ts";
import type { Config } from "./config.ts";
import type { KnowledgeBase } from "./domain/guidelines/types.ts";
import { makeDrafting } from "./services/drafting.ts";

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
