import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Drafting } from "../../services/drafting.ts";
import { DraftInputBody, toDraftInput } from "../contract.ts";

/** POST /drafts: the draft determination of every disputed item (the same engine as `openimr draft`). */
export function draftsRoutes(services: { drafting: Drafting }): FastifyPluginAsync {
  return async (app) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .post("/", { config: { access: ["staff", "reviewer"] }, schema: { summary: "Draft a determination for each disputed item", tags: ["drafts"], body: DraftInputBody } }, async (request) => {
        const draft = services.drafting.draft(toDraftInput(request.body));
        return request.body.id ? { id: request.body.id, ...draft } : draft;
      });
  };
}
