import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Drafting } from "../../services/drafting.ts";
import type { Records } from "../../services/records.ts";
import { DraftInputBody, type DraftInputBodyType, toDraftInput } from "../contract.ts";

/** Reads every record sent as a PDF (contentBase64) into its pages; one that cannot be read fails the request with its code. */
async function withPages(body: DraftInputBodyType, records: Pick<Records, "readPages">): Promise<DraftInputBodyType> {
  if (!body.records?.some((r) => r.contentBase64 !== undefined)) return body;
  const read = [];
  for (const { contentBase64, ...record } of body.records) {
    if (contentBase64 === undefined) read.push(record);
    else read.push({ ...record, pages: await records.readPages({ name: record.title, bytes: new Uint8Array(Buffer.from(contentBase64, "base64")) }) });
  }
  return { ...body, records: read };
}

/** POST /drafts: the draft determination of every disputed item (the same engine as `openimr draft`); records as text or PDF. */
export function draftsRoutes(services: { drafting: Drafting; records: Pick<Records, "readPages"> }): FastifyPluginAsync {
  return async (app) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .post("/", { config: { access: ["staff", "reviewer"] }, schema: { summary: "Draft a determination for each disputed item", tags: ["drafts"], body: DraftInputBody } }, async (request) => {
        const draft = services.drafting.draft(toDraftInput(await withPages(request.body, services.records)));
        return request.body.id ? { id: request.body.id, ...draft } : draft;
      });
  };
}
