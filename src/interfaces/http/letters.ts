import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { renderPdf } from "../../compose.ts";
import type { FinalDeterminationLetter } from "../../domain/letter/model.ts";
import { renderLetterHtml } from "../../domain/letter/render-html.ts";
import { renderLetterText } from "../../domain/letter/render-text.ts";
import { AppError } from "../../services/errors.ts";
import type { Review } from "../../services/review.ts";
import { CopyEditBody, ItemEditBody, LetterFormat, OverrideBody, toItemEdit } from "../letter-contract.ts";
import { actorOf } from "./access.ts";

const IdParams = z.strictObject({ id: z.string().min(1).max(100) });
const ItemParams = z.strictObject({ id: z.string().min(1).max(100), n: z.coerce.number().int().min(1).max(1000) });
const LetterQuery = z.strictObject({ format: LetterFormat.default("json"), draft: z.enum(["true", "false"]).optional() });
const PublishedParams = z.strictObject({ publicationNumber: z.string().min(1).max(40) });
const PublishedQuery = z.strictObject({ format: LetterFormat.default("json") });

/** Sends a letter in the asked format: JSON (the model), plain text, accessible HTML or PDF. */
async function sendLetter(reply: FastifyReply, letter: FinalDeterminationLetter, format: z.output<typeof LetterFormat>, published: boolean) {
  if (format === "text") return reply.type("text/plain; charset=utf-8").send(renderLetterText(letter, { published }));
  if (format === "html") return reply.type("text/html; charset=utf-8").send(renderLetterHtml(letter, { published }));
  if (format === "pdf") return reply.type("application/pdf").send(Buffer.from(await renderPdf(letter, { published })));
  return reply.send(letter);
}

/** /cases/:id/review and /cases/:id/letter: the reviewer's working copy, edits, signatures, QA, override, issue, the letter and publication. */
export function reviewRoutes(services: { review: Review }): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ["review and letters"];
    const staffOrReviewer = { access: ["staff", "reviewer:assigned"] as const };

    app.get(
      "/:id/review",
      { config: staffOrReviewer, schema: { summary: "The reviewer's working copy (made from the engine's draft on first use)", tags, params: IdParams } },
      async (request) => services.review.workingCopy(request.params.id, { actor: actorOf(request) }),
    );

    app.patch(
      "/:id/review",
      {
        config: { access: ["reviewer:assigned", "staff:medical-director"] },
        schema: { summary: "Change the case summary or record why the determination is late (a tracked revision)", tags, params: IdParams, body: CopyEditBody },
      },
      async (request) => {
        const { version, ...edit } = request.body;
        return services.review.edit(
          request.params.id,
          {
            ...(edit.caseSummary !== undefined ? { caseSummary: edit.caseSummary } : {}),
            ...(edit.delayReason !== undefined ? { delayReason: edit.delayReason } : {}),
          },
          { actor: actorOf(request), ...(version !== undefined ? { expectedVersion: version } : {}) },
        );
      },
    );

    app.patch(
      "/:id/review/items/:n",
      {
        config: { access: ["reviewer:assigned"] },
        schema: {
          summary: "Change an item's decision, rationale or citation (a tracked revision; the item's signature is removed)",
          tags,
          params: ItemParams,
          body: ItemEditBody,
        },
      },
      async (request) =>
        services.review.edit(request.params.id, toItemEdit(request.params.n, request.body), {
          actor: actorOf(request),
          ...(request.body.version !== undefined ? { expectedVersion: request.body.version } : {}),
        }),
    );

    app.post(
      "/:id/review/items/:n/sign",
      { config: { access: ["reviewer:assigned"] }, schema: { summary: "The expert reviewer signs one item", tags, params: ItemParams } },
      async (request) => services.review.sign(request.params.id, [request.params.n], { actor: actorOf(request) }),
    );

    app.get(
      "/:id/review/qa",
      { config: staffOrReviewer, schema: { summary: "The QA checks on the letter as it would issue today, each explained", tags, params: IdParams } },
      async (request) => services.review.qa(request.params.id, { actor: actorOf(request) }),
    );

    app.post(
      "/:id/letter/override",
      {
        config: { access: ["staff:medical-director"] },
        schema: {
          summary: "The medical director lets the letter issue despite failing QA checks, with a reason (audited)",
          tags,
          params: IdParams,
          body: OverrideBody,
        },
      },
      async (request) => services.review.override(request.params.id, request.body.reason, { actor: actorOf(request) }),
    );

    app.post(
      "/:id/letter/issue",
      {
        config: staffOrReviewer,
        schema: { summary: "Issue the Final Determination Letter (every item signed, QA passed or overridden)", tags, params: IdParams },
      },
      async (request, reply) => {
        const issued = await services.review.issue(request.params.id, { actor: actorOf(request) });
        reply.status(201);
        return { caseId: issued.caseId, issuedOn: issued.issuedOn, qa: issued.qa, override: issued.override ?? null };
      },
    );

    app.get(
      "/:id/letter",
      {
        config: { access: ["staff", "reviewer:assigned", "party:own-case"] },
        schema: {
          summary: "The parties' letter as issued (format json, text, html or pdf); draft=true gives the working copy as a letter (staff and reviewer)",
          tags,
          params: IdParams,
          querystring: LetterQuery,
        },
      },
      async (request, reply) => {
        const draft = request.query.draft === "true";
        if (draft && request.user?.role === "party") throw new AppError("FORBIDDEN", "A party may read the issued letter, not the reviewer's working copy.");
        const letter = await services.review.letter(request.params.id, { actor: actorOf(request), draft });
        return sendLetter(reply, letter, request.query.format, false);
      },
    );

    app.post(
      "/:id/publish",
      {
        config: { access: ["staff"] },
        schema: { summary: "Publish the redacted copy (refused while an identifier of the case record remains)", tags, params: IdParams },
      },
      async (request, reply) => {
        const published = await services.review.publish(request.params.id, { actor: actorOf(request) });
        reply.status(201);
        return { publicationNumber: published.publicationNumber, publishedOn: published.publishedOn, url: `/published/${published.publicationNumber}` };
      },
    );
  };
}

/** /published/:publicationNumber: the redacted letters, for the public. */
export function publishedRoutes(services: { review: Review }): FastifyPluginAsync {
  return async (plain) => {
    plain
      .withTypeProvider<ZodTypeProvider>()
      .get(
        "/:publicationNumber",
        {
          config: { access: "public" },
          schema: {
            summary: "A published (redacted) Final Determination Letter",
            tags: ["published letters"],
            params: PublishedParams,
            querystring: PublishedQuery,
          },
        },
        async (request, reply) => {
          const published = await services.review.published(request.params.publicationNumber);
          return sendLetter(reply, published.letter, request.query.format, true);
        },
      );
  };
}
