import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Accounts } from "../../services/accounts.ts";
import type { Assignment } from "../../services/assignment.ts";
import type { Cases } from "../../services/cases.ts";
import type { Drafting } from "../../services/drafting.ts";
import type { Intake } from "../../services/intake.ts";
import type { Panel } from "../../services/panel.ts";
import type { Records } from "../../services/records.ts";
import type { Review } from "../../services/review.ts";
import { installAccessControl, type RouteAccess } from "./access.ts";
import { authRoutes } from "./auth.ts";
import { casesRoutes } from "./cases.ts";
import { draftsRoutes } from "./drafts.ts";
import { installErrorHandling } from "./errors.ts";
import { publishedRoutes, reviewRoutes } from "./letters.ts";
import { assignmentRoutes, reviewersRoutes } from "./reviewers.ts";
import { screeningRoutes } from "./screening.ts";

/** The services the API serves (built by compose.ts). */
export type ApiServices = {
  intake: Intake;
  cases: Cases;
  drafting: Drafting;
  panel: Panel;
  assignment: Assignment;
  accounts: Accounts;
  review: Review;
  records: Pick<Records, "readForCase" | "readPages">;
};

declare module "fastify" {
  interface FastifyInstance {
    /** Every route with its declared access (read by the authorisation matrix test). */
    routeAccess: RouteAccess[];
  }
}

export type ApiConfig = Pick<Config, "organisationName"> & { logger?: boolean; bodyLimitBytes?: number };

/** Every area of the API, registered in this one place; add the next area's plugin here (see README.md). */
function areas(services: ApiServices): { prefix: string; plugin: FastifyPluginAsync }[] {
  return [
    { prefix: "/screenings", plugin: screeningRoutes(services) },
    { prefix: "/cases", plugin: casesRoutes(services) },
    { prefix: "/drafts", plugin: draftsRoutes(services) },
    { prefix: "", plugin: authRoutes(services) },
    { prefix: "/reviewers", plugin: reviewersRoutes(services) },
    { prefix: "/cases", plugin: assignmentRoutes(services) },
    { prefix: "/cases", plugin: reviewRoutes(services) },
    { prefix: "/published", plugin: publishedRoutes(services) },
  ];
}

/** Builds the HTTP API without listening: tests call `app.inject()`, `openimr serve` calls `listen()`. */
export async function buildApp(services: ApiServices, config: ApiConfig): Promise<FastifyInstance> {
  const app = Fastify({ logger: config.logger ?? false, bodyLimit: config.bodyLimitBytes ?? 50 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // The one access check (access.ts): every route declares config.access; a route without one is closed.
  const routes = installAccessControl(app, { authenticate: (token) => services.accounts.authenticate(token), isAssigned: (reviewerId, caseId) => services.assignment.isAssigned(reviewerId, caseId) });
  app.decorate("routeAccess", routes);
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "OpenIMR API", version: "0.1.0", description: `Independent Medical Review case handling for ${config.organisationName}.` },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  for (const area of areas(services)) await app.register(area.plugin, { prefix: area.prefix });
  app.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
