import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Intake } from "../../services/intake.ts";
import { ApplicationBody, IsoDate } from "../case-contract.ts";

/** POST /screenings: eligibility with reasons and citations, and the deadlines; stores nothing. */
export function screeningRoutes(services: { intake: Intake }): FastifyPluginAsync {
  return async (app) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      "/",
      {
        config: { access: ["staff"] },
        schema: {
          summary: "Screen an application for eligibility (nothing is stored)",
          tags: ["screening"],
          body: ApplicationBody,
          querystring: z.strictObject({ on: IsoDate.optional() }),
        },
      },
      async (request) => services.intake.screen(request.body, request.query.on ? { on: request.query.on } : {}),
    );
  };
}
