// What `openimr reviewers import` and POST /reviewers/import accept: a panel as JSON (an array of reviewers, or
// { "reviewers": [...] }) or as CSV with the header documented in CSV_COLUMNS. One strict schema per reviewer, tied to
// the domain type with `satisfies`. Every bad row is reported with its row number and field; nothing is stored then.
import { z } from "zod";
import type { AffiliationKind, ExpertReviewer, LicenceStatus } from "../domain/reviewers/types.ts";
import { AppError } from "../services/errors.ts";
import { IsoDate } from "./case-contract.ts";

const LICENCE_STATUSES = ["active", "inactive", "expired", "suspended", "revoked", "restricted", "probation"] as const satisfies readonly LicenceStatus[];
const AFFILIATION_KINDS = [
  "employer",
  "employee",
  "claims administrator",
  "insurer",
  "medical provider network",
  "ur organization",
  "ur physician",
  "medical group",
  "provider",
  "institution",
  "manufacturer",
  "other",
] as const satisfies readonly AffiliationKind[];

const Text = z.string().trim().min(1, "must not be empty");

export const LicenceBody = z.strictObject({
  state: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "a two-letter U.S. state code such as CA")
    .transform((s) => s.toUpperCase()),
  number: Text,
  status: z.enum(LICENCE_STATUSES),
  expires: IsoDate,
});

export const AffiliationBody = z.strictObject({ kind: z.enum(AFFILIATION_KINDS), name: Text, nature: z.enum(["professional", "financial", "familial"]).optional() });

/** One reviewer of a panel file. "licenses" (U.S. spelling, as in panel.example.json) is read as "licences". */
export const ReviewerBody = z.preprocess(
  (value) => {
    if (value && typeof value === "object" && !Array.isArray(value) && "licenses" in value && !("licences" in value)) {
      const { licenses, ...rest } = value as Record<string, unknown>;
      return { ...rest, licences: licenses };
    }
    return value;
  },
  z.strictObject({
    id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' or '-' (at most 64)"),
    name: Text,
    degree: Text.optional(),
    licences: z.array(LicenceBody),
    boardCertifications: z.array(Text).default([]),
    specialties: z.array(Text).min(1, "name at least one specialty"),
    activePracticeSince: IsoDate,
    hoursPerWeekInPractice: z.number().min(0).max(168),
    affiliations: z.array(AffiliationBody).default([]),
    capacity: z.number().int().min(0),
    openCases: z.number().int().min(0).default(0),
    available: z.boolean().optional(),
    reviewedWorkers: z.array(Text).optional(),
  }) satisfies z.ZodType<ExpertReviewer, unknown>,
);

/** The CSV header, in any order; list fields are separated by ";", a licence is STATE:NUMBER:STATUS:EXPIRES, an affiliation KIND:NAME[:NATURE]. */
export const CSV_COLUMNS = [
  "id",
  "name",
  "degree",
  "licences",
  "boardCertifications",
  "specialties",
  "activePracticeSince",
  "hoursPerWeekInPractice",
  "affiliations",
  "capacity",
  "openCases",
  "available",
] as const;
const REQUIRED_COLUMNS = ["id", "name", "licences", "specialties", "activePracticeSince", "hoursPerWeekInPractice", "capacity"];

type Row = { row: number; value: unknown };
type ImportIssue = { code: string; message: string; path: string };

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks). */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line += 1;
        field += ch;
      }
    } else if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i += 1;
      fields.push(field);
      if (fields.some((f) => f.trim().length > 0)) records.push({ line: start, fields });
      fields = [];
      field = "";
      line += 1;
      start = line;
    } else field += ch;
  }
  if (quoted) throw new AppError("REVIEWER_IMPORT_INVALID", `row ${start}: a quoted field is not closed.`, [{ code: "REVIEWER_IMPORT_INVALID", message: "a quoted field is not closed", path: `row ${start}` }]);
  fields.push(field);
  if (fields.some((f) => f.trim().length > 0)) records.push({ line: start, fields });
  return records;
}

const list = (cell: string) =>
  cell
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);

/** A CSV record as the JSON shape, so one schema checks both; cells that cannot be split are left for it to name. */
function csvRecordToJson(header: string[], fields: string[]): Record<string, unknown> {
  const cell = (name: string) => fields[header.indexOf(name)]?.trim() ?? "";
  const record: Record<string, unknown> = {};
  for (const name of header) {
    const value = cell(name);
    if (value === "" && name !== "licences") continue;
    switch (name) {
      case "licences":
        record.licences = list(value).map((l) => {
          const [state, number, status, expires] = l.split(":").map((p) => p.trim());
          return { state, number, status, expires };
        });
        break;
      case "boardCertifications":
      case "specialties":
        record[name] = list(value);
        break;
      case "affiliations":
        record.affiliations = list(value).map((a) => {
          const [kind, name, nature] = a.split(":").map((p) => p.trim());
          return nature ? { kind, name, nature } : { kind, name };
        });
        break;
      case "hoursPerWeekInPractice":
      case "capacity":
      case "openCases":
        record[name] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
        break;
      case "available":
        record.available = /^(true|yes|y|1)$/i.test(value) ? true : /^(false|no|n|0)$/i.test(value) ? false : value;
        break;
      default:
        record[name] = value;
    }
  }
  return record;
}

function csvRows(text: string): Row[] {
  const [head, ...records] = parseCsv(text);
  if (!head) throw new AppError("REVIEWER_IMPORT_INVALID", "The CSV file is empty.");
  const header = head.fields.map((h) => (h.trim() === "licenses" ? "licences" : h.trim()));
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (unknown.length || missing.length) {
    const issues = [
      ...unknown.map((h) => ({ code: "REVIEWER_IMPORT_INVALID", message: `row 1: unknown column "${h}"`, path: `row 1.${h}` })),
      ...missing.map((c) => ({ code: "REVIEWER_IMPORT_INVALID", message: `row 1: missing column "${c}"`, path: `row 1.${c}` })),
    ];
    throw new AppError("REVIEWER_IMPORT_INVALID", `${issues.map((i) => i.message).join("; ")}. The header is: ${CSV_COLUMNS.join(",")}.`, issues);
  }
  return records.map((r) => {
    if (r.fields.length !== header.length) return { row: r.line, value: { __cells: `has ${r.fields.length} cells for ${header.length} columns` } };
    return { row: r.line, value: csvRecordToJson(header, r.fields) };
  });
}

function jsonRows(text: string): Row[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("INPUT_UNREADABLE", `The panel file is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value) ? value : (value as { reviewers?: unknown } | null)?.reviewers;
  if (!Array.isArray(list)) throw new AppError("REVIEWER_IMPORT_INVALID", 'Expected an array of reviewers, or { "reviewers": [ ... ] }.');
  return list.map((v, i) => ({ row: i + 1, value: v }));
}

function fieldPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p + 1}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("") || "(row)";
}

/**
 * Reads and checks a whole panel file. Throws REVIEWER_IMPORT_INVALID naming every bad row and field, so a file is
 * stored entirely or not at all. `format` defaults from the text: JSON when it starts with "[" or "{".
 */
export function parsePanelFile(text: string, format?: "json" | "csv"): ExpertReviewer[] {
  const kind = format ?? (/^\s*[[{]/.test(text.replace(/^\uFEFF/, "")) ? "json" : "csv");
  const rows = kind === "json" ? jsonRows(text) : csvRows(text);
  const issues: ImportIssue[] = [];
  const reviewers: ExpertReviewer[] = [];
  for (const { row, value } of rows) {
    const id = (value as { id?: unknown } | null)?.id;
    const where = `row ${row}${typeof id === "string" && id ? ` (id ${id})` : ""}`;
    if (value && typeof value === "object" && "__cells" in value) {
      issues.push({ code: "REVIEWER_IMPORT_INVALID", message: `${where}: ${(value as { __cells: string }).__cells}`, path: `row ${row}` });
      continue;
    }
    const parsed = ReviewerBody.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
        for (const key of keys) {
          const field = fieldPath(key ? [...issue.path, key] : issue.path);
          const message = key ? "unknown field" : issue.message;
          issues.push({ code: "REVIEWER_IMPORT_INVALID", message: `${where}, field ${field}: ${message}`, path: `row ${row}.${field}` });
        }
      }
      continue;
    }
    reviewers.push(parsed.data);
  }
  if (issues.length) throw new AppError("REVIEWER_IMPORT_INVALID", `${issues.length} problem(s); nothing was imported: ${issues.map((i) => i.message).join("; ")}`, issues);
  return reviewers;
}

/** POST /reviewers/import: a panel as JSON reviewers, or as CSV text with the CSV_COLUMNS header. */
export const PanelImportBody = z.union([z.strictObject({ reviewers: z.array(z.unknown()).min(1) }), z.strictObject({ csv: z.string().min(1) })]);

/** POST /cases/:id/assign. */
export const AssignBody = z.strictObject({ on: IsoDate.optional(), approval: z.string().trim().min(1).optional(), noticeChannel: z.enum(["electronic", "mail"]).optional() });

/** POST /cases/:id/reassign. */
export const ReassignBody = z.strictObject({
  reason: z.enum(["declined", "conflict"]),
  reviewerId: z.string().trim().min(1).optional(),
  note: z.string().trim().min(1).max(2000).optional(),
  on: IsoDate.optional(),
  approval: z.string().trim().min(1).optional(),
});
