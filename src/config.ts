/** Settings read once from the environment. */
export type Config = {
  /** The IMR organisation's name, printed in letters ("<name> guideline: ..."). */
  organisationName: string;
  knowledgeDir?: string;
};

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const config: Config = { organisationName: env.OPENIMR_ORGANISATION?.trim() || "OpenIMR" };
  if (env.OPENIMR_KNOWLEDGE_DIR) config.knowledgeDir = env.OPENIMR_KNOWLEDGE_DIR;
  return config;
}
