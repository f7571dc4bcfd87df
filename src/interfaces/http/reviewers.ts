import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Assignment } from "../../services/assignment.ts";
import type { Panel } from "../../services/panel.ts";
import { AssignBody, PanelImportBody, parsePanelFile, ReassignBody } from "../reviewer-contract.ts";
import { actorOf } from "./access.ts";

const IdParams = z.strictObject({ id: z.string().min(1).max(100) });

/** /reviewers: the panel (staff only: it names reviewers). */
export function reviewersRoutes(services: { panel: Panel }): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ["reviewers"];

    app.get("/", { config: { access: ["staff"] }, schema: { summary: "The panel with qualification status and expiring licences", tags } }, async () => services.panel.list());

    app.post("/import", { config: { access: ["staff:admin", "staff:medical-director"] }, schema: { summary: "Add or update reviewers (all rows or none)", tags, body: PanelImportBody } }, async (request) => {
      const body = request.body;
      const reviewers = "csv" in body ? parsePanelFile(body.csv, "csv") : parsePanelFile(JSON.stringify(body.reviewers), "json");
      return services.panel.importPanel(reviewers, { actor: actorOf(request) });
    });
  };
}

/** /cases/:id/assign, /reassign, /assignment: designating the expert reviewer (staff only: the answers name reviewers). */
export function assignmentRoutes(services: { assignment: Assignment }): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ["assignment"];
    const staff = { access: ["staff"] as const };

    app.get("/:id/assignment", { config: staff, schema: { summary: "The case's designations and today's ranking of the panel", tags, params: IdParams } }, async (request) => ({
      ...(await services.assignment.propose(request.params.id)),
      history: await services.assignment.history(request.params.id),
    }));

    app.post("/:id/assign", { config: staff, schema: { summary: "Designate the expert reviewer and explain the choice", tags, params: IdParams, body: AssignBody } }, async (request) => {
      const { on, approval, noticeChannel } = request.body;
      return services.assignment.assign(request.params.id, { actor: actorOf(request), ...(on ? { on } : {}), ...(approval ? { approval } : {}), ...(noticeChannel ? { noticeChannel } : {}) });
    });

    app.post("/:id/reassign", { config: staff, schema: { summary: "Replace a reviewer who declined or has a conflict (deadlines unchanged)", tags, params: IdParams, body: ReassignBody } }, async (request) => {
      const { reason, reviewerId, note, on, approval } = request.body;
      return services.assignment.reassign(request.params.id, {
        actor: actorOf(request),
        reason,
        ...(reviewerId ? { reviewerId } : {}),
        ...(note ? { note } : {}),
        ...(on ? { on } : {}),
        ...(approval ? { approval } : {}),
      });
    });
  };
}
