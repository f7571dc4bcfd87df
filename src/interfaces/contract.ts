import { z } from "zod";
import type { DraftInput } from "../domain/review/draft.ts";
import { AppError } from "../services/errors.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

/** A record given inline as text, or (POST /drafts) as a PDF in base64; on the command line files come in through --records. */
export const RecordBody = z.object({
  title: z.string().trim().min(1),
  date: isoDate.optional(),
  type: z.string().optional(),
  text: z.string().optional(),
  pages: z.array(z.string()).optional(),
  contentBase64: z.base64().optional(),
});

/** The fields of one case to draft; record files given beside it (`draft --records`) count as its records. */
export const DraftCaseFields = z.object({
  id: z.string().optional(),
  caseSummary: z.string().default(""),
  requestDate: isoDate.optional(),
  items: z
    .array(
      z.object({
        request: z.string().trim().min(1, "a disputed item needs its request as written"),
        claimsAdministratorGuideline: z.string().optional(),
      }),
    )
    .min(1, "a case needs at least one disputed item"),
  records: z.array(RecordBody).optional(),
});

/** The input of `openimr draft` and POST /drafts: one case, with a case summary or at least one record. */
export const DraftInputBody = DraftCaseFields.refine((c) => c.caseSummary.trim().length > 0 || (c.records?.length ?? 0) > 0, {
  message: "give a caseSummary or at least one record",
  path: ["caseSummary"],
});

export type DraftInputBodyType = z.infer<typeof DraftInputBody>;

/** Turns the validated body into the engine's input (records as pages). */
export function toDraftInput(body: DraftInputBodyType): DraftInput {
  const unread = (body.records ?? []).findIndex((r) => r.contentBase64 !== undefined && r.pages === undefined);
  if (unread >= 0)
    throw new AppError("INPUT_INVALID", `records.${unread}: contentBase64 is read by POST /drafts only; on the command line give the file with --records.`, [
      { code: "INPUT_INVALID", message: "contentBase64 is not read here", path: `records.${unread}.contentBase64` },
    ]);
  const input: DraftInput = {
    caseSummary: body.caseSummary,
    items: body.items.map((i) =>
      i.claimsAdministratorGuideline ? { request: i.request, claimsAdministratorGuideline: i.claimsAdministratorGuideline } : { request: i.request },
    ),
    records: (body.records ?? []).map((r) => ({
      document: r.title,
      ...(r.date ? { date: r.date } : {}),
      ...(r.type ? { type: r.type } : {}),
      pages: r.pages ?? [r.text ?? ""],
    })),
  };
  if (body.requestDate) input.requestDate = body.requestDate;
  return input;
}

/** Zod issues as the error catalogue's issues: a path and a plain message each. */
export function zodIssues(error: z.ZodError, prefix = ""): { code: string; message: string; path: string }[] {
  return error.issues.map((i) => ({ code: "INPUT_INVALID", message: i.message, path: `${prefix}${i.path.join(".")}` || "(root)" }));
}
