// The single definition of what the case API and the case commands accept: one strict schema per body, tied to the
// domain types with `satisfies`, so a change on either side fails to compile. Unknown fields are refused.
import { z } from "zod";
import type { Application, ItemDetermination } from "../domain/case/types.ts";
import { isPlainDate } from "../domain/shared/dates.ts";

export const IsoDate = z.string().refine(isPlainDate, "expected a real date as YYYY-MM-DD");

const PartyBody = z.strictObject({ name: z.string().trim().min(1), phone: z.string().optional(), address: z.string().optional() });

export const DisputedItemBody = z.strictObject({
  request: z.string().trim().min(1, "a disputed item needs its request as written on the RFA"),
  decision: z.enum(["approved", "modified", "delayed", "denied", "conditionally non-certified"]),
  basis: z.string().trim().min(1).default("medical necessity"),
});

export const UrDecisionBody = z.strictObject({
  date: IsoDate,
  servedDate: IsoDate.optional(),
  serviceMethod: z.enum(["mail", "electronic", "fax", "personal"]).optional(),
  attached: z.boolean(),
  timely: z.boolean().optional(),
  items: z.array(DisputedItemBody),
});

/** A DWC Form IMR application, in the shape of test/fixtures/shared/applications/application.example.json. */
export const ApplicationBody = z
  .strictObject({
    receivedDate: IsoDate,
    signed: z.boolean(),
    signedDate: IsoDate.optional(),
    filedBy: z
      .strictObject({
        role: z.enum(["employee", "attorney", "guardian", "designee", "employer", "insurer", "claims administrator", "physician"]),
        name: z.string().optional(),
        designatedOn: IsoDate.optional(),
      })
      .optional(),
    expedited: z.boolean().default(false),
    expeditedCertification: z
      .strictObject({ physician: z.string().trim().min(1), date: IsoDate.optional(), hasSupportingDocumentation: z.boolean().optional() })
      .optional(),
    dateOfInjury: IsoDate.optional(),
    employee: PartyBody.extend({ claimNumber: z.string().optional(), dateOfBirth: IsoDate.optional() }),
    representative: PartyBody.optional(),
    employer: PartyBody.optional(),
    claimsAdministrator: PartyBody.extend({ adjuster: z.string().optional() }).optional(),
    treatingPhysician: PartyBody.extend({ specialty: z.string().optional(), group: z.string().optional() }).optional(),
    urOrganization: z.strictObject({ name: z.string().trim().min(1), physician: z.string().optional() }).optional(),
    urDecision: UrDecisionBody.optional(),
    liabilityDisputed: z.boolean().optional(),
    formularyDispute: z.boolean().optional(),
    attachments: z
      .array(z.strictObject({ title: z.string().trim().min(1), kind: z.string().optional(), text: z.string().optional(), pages: z.number().int().positive().optional() }))
      .optional(),
  })
  .meta({ id: "Application" }) satisfies z.ZodType<Application>;

export const ItemDeterminationBody = z.strictObject({
  request: z.string().trim().min(1),
  determination: z.enum(["Upheld", "Overturned"]),
}) satisfies z.ZodType<ItemDetermination>;

const ActionFields = {
  on: IsoDate.optional(),
  /** The version the caller read; a stale one is refused with CASE_STATE_CONFLICT. */
  version: z.number().int().positive().optional(),
};

export const CreateCaseBody = z.strictObject({
  application: ApplicationBody,
  on: IsoDate.optional(),
  noticeChannel: z.enum(["mail", "electronic"]).optional(),
});
export const WithdrawBody = z.strictObject({ ...ActionFields, reason: z.string().optional() });
export const RecordsReceivedBody = z.strictObject({
  ...ActionFields,
  from: z.enum(["claims_administrator", "employee", "physician"]).optional(),
  complete: z.boolean().optional(),
});
/** One record file sent with POST /cases/:id/records: a PDF (or any file) as base64, or text. */
export const RecordFileBody = z.union([
  z.strictObject({ name: z.string().trim().min(1).max(255), contentBase64: z.base64() }),
  z.strictObject({ name: z.string().trim().min(1).max(255), text: z.string() }),
]);
/** Records received from a party, with the files themselves; each file is read and stored with the case. */
export const RecordsBody = z.strictObject({
  ...ActionFields,
  from: z.enum(["claims_administrator", "employee", "physician"]).optional(),
  complete: z.boolean().optional(),
  files: z.array(RecordFileBody).max(200).default([]),
});
export const DecideBody = z.strictObject({ ...ActionFields, items: z.array(ItemDeterminationBody).min(1, "give a determination for every disputed item") });
export const EmptyActionBody = z.strictObject(ActionFields);

/** Zod issues as the error catalogue's issues, each naming the field: an unknown key is named itself, not its parent. */
export function fieldIssues(error: z.ZodError, prefix = ""): { code: string; message: string; path: string }[] {
  return error.issues.flatMap((issue) => {
    const at = (extra: (string | number)[] = []) => `${prefix}${[...issue.path, ...extra].map(String).join(".")}` || "(root)";
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ code: "INPUT_INVALID", message: `unknown field "${key}"`, path: at([key]) }));
    return [{ code: "INPUT_INVALID", message: issue.message, path: at() }];
  });
}

/** One sentence naming every problem: "employee.name: expected string, received undefined; foo: unknown field". */
export function describeIssues(issues: { message: string; path: string }[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}
