import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Assignment } from "../../services/assignment.ts";
import { partyCaseView, reviewerCaseView } from "../../services/case-views.ts";
import type { CaseView, Cases } from "../../services/cases.ts";
import type { Intake } from "../../services/intake.ts";
import type { Records } from "../../services/records.ts";
import { CreateCaseBody, DecideBody, EmptyActionBody, IsoDate, RecordsBody, RecordsReceivedBody, WithdrawBody } from "../case-contract.ts";
import { actorOf } from "./access.ts";

const IdParams = z.strictObject({ id: z.string().min(1).max(100) });
const TodayQuery = z.strictObject({ today: IsoDate.optional() });

// Who may call each route (access.ts): staff run the case; the designated reviewer reads, reviews and decides
// their case; a party reads their own case through partyCaseView, which never names the reviewer.
const STAFF = { access: ["staff"] } as const;
const STAFF_OR_REVIEWER = { access: ["staff", "reviewer:assigned"] } as const;
const CASE_READERS = { access: ["staff", "reviewer:assigned", "party:own-case"] } as const;

function caseJson(view: CaseView) {
  return { ...view.imrCase, deadlines: view.deadlines, notices: view.notices };
}

/** A case as its reader may see it: staff the whole record; a reviewer or party a view with only the qualifications paragraph. */
async function presentCase(request: FastifyRequest, view: CaseView, assignment: Assignment) {
  const role = request.user?.role;
  if (role === "staff") return caseJson(view);
  const qualifications = await assignment.qualificationsStatements(view.imrCase.id);
  return role === "reviewer" ? reviewerCaseView(view, qualifications) : partyCaseView(view, qualifications);
}

function actionOptions(request: FastifyRequest, body: { on?: string | undefined; version?: number | undefined }) {
  return { actor: actorOf(request), ...(body.on ? { on: body.on } : {}), ...(body.version !== undefined ? { expectedVersion: body.version } : {}) };
}

/** /cases: intake, the worklist, one case, its audit log, and each state change. */
export function casesRoutes(services: { intake: Intake; cases: Cases; assignment: Assignment; records: Pick<Records, "readForCase"> }): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ["cases"];

    app.post(
      "/",
      { config: STAFF, schema: { summary: "Receive an application: screen, store, assign when eligible", tags, body: CreateCaseBody } },
      async (request, reply) => {
        const { application, on, noticeChannel } = request.body;
        const created = await services.intake.create(application, {
          actor: actorOf(request),
          ...(on ? { on } : {}),
          ...(noticeChannel ? { noticeChannel } : {}),
        });
        reply.status(201);
        return caseJson({ imrCase: created.imrCase, deadlines: created.deadlines, notices: created.notices });
      },
    );

    app.get("/", { config: STAFF, schema: { summary: "The worklist: open cases by urgency", tags, querystring: TodayQuery } }, async (request) => {
      const entries = await services.cases.worklist(request.query.today);
      return entries.map((e) => ({
        id: e.imrCase.id,
        status: e.imrCase.status,
        track: e.imrCase.track,
        receivedDate: e.imrCase.application.receivedDate,
        next: e.clock ? { code: e.clock.code, obligation: e.clock.obligation, dueOn: e.clock.dueOn, daysLeft: e.clock.daysLeft, text: e.clock.text } : null,
      }));
    });

    app.get("/:id", { config: CASE_READERS, schema: { summary: "One case with its deadlines and notices", tags, params: IdParams, querystring: TodayQuery } }, async (request) =>
      presentCase(request, await services.cases.get(request.params.id, request.query.today), services.assignment),
    );

    app.get("/:id/audit", { config: STAFF, schema: { summary: "The case's audit log (read only)", tags, params: IdParams } }, async (request) =>
      services.cases.auditTrail(request.params.id),
    );

    app.post("/:id/withdraw", { config: STAFF, schema: { summary: "Withdraw the case (before the decision)", tags, params: IdParams, body: WithdrawBody } }, async (request) =>
      caseJson(
        await services.cases.withdraw(request.params.id, {
          ...actionOptions(request, request.body),
          ...(request.body.reason ? { reason: request.body.reason } : {}),
        }),
      ),
    );

    app.post(
      "/:id/records-received",
      { config: STAFF, schema: { summary: "Record documents received", tags, params: IdParams, body: RecordsReceivedBody } },
      async (request) => {
        const { from, complete } = request.body;
        return caseJson(
          await services.cases.recordsReceived(request.params.id, {
            ...actionOptions(request, request.body),
            ...(from ? { from } : {}),
            ...(complete !== undefined ? { complete } : {}),
          }),
        );
      },
    );

    app.post(
      "/:id/records",
      {
        config: STAFF,
        schema: {
          summary: "Records received with the files: each is read (PDF text per page, or text) and stored with the case; one unreadable file stores nothing",
          tags,
          params: IdParams,
          body: RecordsBody,
        },
      },
      async (request) => {
        const { from, complete, files } = request.body;
        const read = await services.records.readForCase(
          files.map((f) => ("text" in f ? { name: f.name, text: f.text } : { name: f.name, bytes: new Uint8Array(Buffer.from(f.contentBase64, "base64")) })),
        );
        const view = await services.cases.recordsReceived(request.params.id, {
          ...actionOptions(request, request.body),
          ...(from ? { from } : {}),
          ...(complete !== undefined ? { complete } : {}),
          attachments: read.attachments,
        });
        return { ...caseJson(view), recordProblems: read.problems };
      },
    );

    app.post(
      "/:id/lift-deferral",
      { config: STAFF, schema: { summary: "Lift a deferral (liability resolved)", tags, params: IdParams, body: EmptyActionBody } },
      async (request) => caseJson(await services.cases.liftDeferral(request.params.id, actionOptions(request, request.body))),
    );

    app.post("/:id/start-review", { config: STAFF_OR_REVIEWER, schema: { summary: "Start the expert review", tags, params: IdParams, body: EmptyActionBody } }, async (request) =>
      caseJson(await services.cases.startReview(request.params.id, actionOptions(request, request.body))),
    );

    app.post(
      "/:id/decide",
      { config: STAFF_OR_REVIEWER, schema: { summary: "Record the determination of every disputed item", tags, params: IdParams, body: DecideBody } },
      async (request) => caseJson(await services.cases.decide(request.params.id, request.body.items, actionOptions(request, request.body))),
    );

    app.post(
      "/:id/letter-issued",
      { config: STAFF, schema: { summary: "Record that the Final Determination Letter was issued", tags, params: IdParams, body: EmptyActionBody } },
      async (request) => caseJson(await services.cases.letterIssued(request.params.id, actionOptions(request, request.body))),
    );
  };
}
