import type { Attachment } from "../domain/case/types.ts";
import type { RecordText } from "../domain/facts/types.ts";
import type { DrugVocabulary } from "../domain/requests/types.ts";
import { renderCaseSummary } from "../domain/records/case-summary.ts";
import { findIdentifiers, personNameWords, redactEvidenceIn, scrubKnownIdentifiers } from "../domain/records/identifiers.ts";
import { splitRecordFile, uniqueTitles } from "../domain/records/split-documents.ts";
import { buildTimeline } from "../domain/records/timeline.ts";
import type { CaseDocument, ClinicalTimeline, IdentifierSpan, RecordFile } from "../domain/records/types.ts";
import type { CaseDraft, DraftInput } from "../domain/review/draft.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import { AppError, type ErrorCode } from "./errors.ts";

/** Port: the text of each page of a PDF. Throws RECORD_EMPTY, RECORD_NOT_PDF, RECORD_ENCRYPTED or RECORD_CORRUPT. */
export type PdfTextReader = (bytes: Uint8Array, name: string) => Promise<string[]>;

/**
 * Port: optical character recognition for pages without a text layer (scans). None is wired yet; when one is, the
 * records service reads scanned pages through it instead of reporting RECORD_NO_TEXT_LAYER.
 * @returns the recognised text of each page asked for, in the same order
 */
export interface PageOcr {
  recognise(bytes: Uint8Array, name: string, pages: number[]): Promise<string[]>;
}

/** Port: the record files named on the command line or uploaded. */
export interface RecordFileSource {
  size(path: string): Promise<number>;
  read(path: string): Promise<Uint8Array>;
}

/** A record that could not be read (or only in part): the draft goes on with the others and says which. */
export type RecordProblem = { document: string; code: ErrorCode; message: string; pages?: number[] };

/** The case file as read: its documents (reports split out of the files), what could not be read, and where identifiers are. */
export type CaseFile = {
  documents: CaseDocument[];
  problems: RecordProblem[];
  /** Identifier spans for each document's pages (by document title, then page index). */
  identifiers: Map<string, IdentifierSpan[][]>;
};

export type RecordsDraft = CaseDraft & {
  caseSummaryDraft: string;
  timeline: ClinicalTimeline;
  recordProblems: RecordProblem[];
};

/** One record file to read: a path on this machine, bytes uploaded with a name, or text given inline. */
export type RecordUpload = { path: string } | { name: string; bytes: Uint8Array } | { name: string; text: string };

/** What separates pages in a stored record's text (text exported from PDF readers uses it too). */
export const PAGE_BREAK = "\f";

/** Characters of text below which a PDF page counts as having no text layer (a scanned page may carry a stray mark). */
const MIN_PAGE_TEXT = 3;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Reading medical records into a case file, its clinical timeline and a draft that cites them. */
export function makeRecords(deps: { pdfPages: PdfTextReader; files: RecordFileSource; vocabulary: DrugVocabulary; maxRecordBytes: number; ocr?: PageOcr }) {
  function refuseTooLarge(name: string, size: number): void {
    if (size > deps.maxRecordBytes) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      throw new AppError(
        "RECORD_TOO_LARGE",
        `${name} is ${mb(size)}, above the ${mb(deps.maxRecordBytes)} limit for one record (OPENIMR_MAX_RECORD_MB); split it or raise the limit.`,
      );
    }
  }

  async function readFile(path: string): Promise<{ file: RecordFile; problems: RecordProblem[] }> {
    const name = fileName(path);
    let size: number;
    try {
      size = await deps.files.size(path);
    } catch (error) {
      throw new AppError(
        "RECORD_NOT_FOUND",
        `${name} cannot be opened: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}.`,
      );
    }
    refuseTooLarge(name, size);
    return readBytes(name, await deps.files.read(path));
  }

  /** The pages of one record given as bytes: a PDF (by name or by its header) through the PDF reader, otherwise UTF-8 text. */
  async function readBytes(name: string, bytes: Uint8Array): Promise<{ file: RecordFile; problems: RecordProblem[] }> {
    refuseTooLarge(name, bytes.length);
    if (bytes.length === 0) throw new AppError("RECORD_EMPTY", `${name} is empty (0 bytes).`);
    const isPdfName = /\.pdf$/i.test(name);
    const looksPdf = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");
    if (!isPdfName && !looksPdf) {
      const text = new TextDecoder("utf-8").decode(bytes).replace(/\r\n?/g, "\n");
      if (!text.trim()) throw new AppError("RECORD_EMPTY", `${name} holds no text.`);
      // Form feeds separate pages in text exported from PDF readers.
      return { file: { name, pages: text.split("\f") }, problems: [] };
    }
    const pages = await deps.pdfPages(bytes, name);
    const blank = pages.flatMap((p, i) => (p.replace(/\s+/g, "").length < MIN_PAGE_TEXT ? [i + 1] : []));
    const problems: RecordProblem[] = [];
    if (blank.length > 0 && deps.ocr) {
      const recognised = await deps.ocr.recognise(bytes, name, blank);
      blank.forEach((page, i) => {
        pages[page - 1] = recognised[i] ?? "";
      });
    } else if (blank.length === pages.length) {
      throw new AppError(
        "RECORD_NO_TEXT_LAYER",
        `${name} has no text layer on any of its ${pages.length} page(s): it looks scanned and needs OCR, which is not configured. No text was read from it.`,
      );
    } else if (blank.length > 0) {
      problems.push({
        document: name,
        code: "RECORD_NO_TEXT_LAYER",
        message: `${name}: page(s) ${blank.join(", ")} have no text layer (scanned?) and were not read; the other pages were.`,
        pages: blank,
      });
    }
    return { file: { name, pages }, problems };
  }

  /** One record upload as pages; any error names the file. */
  async function readUpload(upload: RecordUpload): Promise<{ file: RecordFile; problems: RecordProblem[] }> {
    if ("path" in upload) return readFile(upload.path);
    if ("bytes" in upload) return readBytes(upload.name, upload.bytes);
    return readBytes(upload.name, new TextEncoder().encode(upload.text));
  }

  const records = {
    /**
     * Reads record files to store with a case: every file must be readable, or the first that is not fails the whole
     * set with its error code (the message names the file). Pages stay apart in the attachment's text, joined with
     * a form feed, so page numbers survive storage; pages without a text layer stay as empty pages.
     */
    async readForCase(uploads: RecordUpload[]): Promise<{ attachments: Attachment[]; problems: RecordProblem[] }> {
      const attachments: Attachment[] = [];
      const problems: RecordProblem[] = [];
      for (const upload of uploads) {
        const { file, problems: partial } = await readUpload(upload);
        problems.push(...partial);
        attachments.push({ title: file.name, kind: "medical records", text: file.pages.map((p) => p.replaceAll(PAGE_BREAK, "\n")).join(PAGE_BREAK), pages: file.pages.length });
      }
      return { attachments, problems };
    },

    /** The pages of one record upload (for drafting without a case); an unreadable record fails with its code. */
    async readPages(upload: RecordUpload): Promise<string[]> {
      return (await readUpload(upload)).file.pages;
    },

    /** Reads every record file; one that cannot be read becomes a problem naming it, and the others are still read. */
    async readCaseFile(paths: string[]): Promise<CaseFile> {
      const problems: RecordProblem[] = [];
      const documents: CaseDocument[] = [];
      for (const path of paths) {
        try {
          const { file, problems: partial } = await readFile(path);
          problems.push(...partial);
          documents.push(...splitRecordFile(file));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push({ document: fileName(path), code: error.code, message: error.message });
        }
      }
      const titled = uniqueTitles(documents);
      // A person named with a label anywhere in the case file is hidden wherever the name appears.
      const known = [...new Set(titled.flatMap((d) => d.pages.flatMap(personNameWords)))];
      const identifiers = new Map(titled.map((d) => [d.document, d.pages.map((p) => findIdentifiers(p, known))]));
      return { documents: titled, problems, identifiers };
    },

    /** The clinical timeline of a case file, its evidence quotes free of identifiers. */
    timeline(caseFile: CaseFile, vocabulary: DrugVocabulary = deps.vocabulary, urDecisionDate?: PlainDate): ClinicalTimeline {
      const timeline = buildTimeline(caseFile.documents, urDecisionDate ? { vocabulary, urDecisionDate } : { vocabulary });
      return redactEvidenceIn(timeline, identifierLookup(caseFile));
    },

    /** The CLINICAL CASE SUMMARY paragraph for a case file, without identifiers. */
    caseSummary(caseFile: CaseFile, timeline: ClinicalTimeline, vocabulary: DrugVocabulary = deps.vocabulary): string {
      const lookup = identifierLookup(caseFile);
      // The summary tells the case as the decision reads it: without the UR letter and reports dated after it.
      const used = new Set(timeline.documents.filter((d) => d.isUsedForDecision).map((d) => d.document));
      const documents = caseFile.documents.filter((d) => used.has(d.document));
      const asRead = buildTimeline(documents, timeline.urDecisionDate ? { vocabulary, urDecisionDate: timeline.urDecisionDate } : { vocabulary });
      const summary = renderCaseSummary(asRead, documents, (d, p) => lookup(d, p) ?? []);
      return scrubKnownIdentifiers(summary, identifierTexts(caseFile));
    },

    /**
     * Drafts a case with its record files: the reports read for the decision are added to the case's records, the
     * draft's evidence quotes are redacted, and the timeline, case summary and unreadable records come with it.
     * @param draft - the drafting use case
     */
    draftWithRecords(draft: (input: DraftInput) => CaseDraft, input: DraftInput, caseFile: CaseFile): RecordsDraft {
      const timeline = records.timeline(caseFile, deps.vocabulary, input.requestDate);
      const used = new Set(timeline.documents.filter((d) => d.isUsedForDecision).map((d) => d.document));
      const fromFiles: RecordText[] = caseFile.documents
        .filter((d) => used.has(d.document))
        .map((d) => ({ document: d.document, ...(d.date ? { date: d.date } : {}), type: d.type, pages: d.pages }));
      const engineInput: DraftInput = { ...input, records: [...(input.records ?? []), ...fromFiles] };
      const requestDate = input.requestDate ?? timeline.urDecisionDate;
      if (requestDate) engineInput.requestDate = requestDate;
      const result = redactEvidenceIn(draft(engineInput), identifierLookup(caseFile));
      return { ...result, caseSummaryDraft: records.caseSummary(caseFile, timeline), timeline, recordProblems: caseFile.problems };
    },
  };
  return records;
}

function identifierLookup(caseFile: CaseFile): (document: string | undefined, page: number | undefined) => IdentifierSpan[] | undefined {
  return (document, page) => (document ? caseFile.identifiers.get(document)?.[(page ?? 1) - 1] : undefined);
}

function identifierTexts(caseFile: CaseFile): string[] {
  const texts: string[] = [];
  for (const doc of caseFile.documents) {
    const ids = caseFile.identifiers.get(doc.document) ?? [];
    doc.pages.forEach((page, i) => {
      for (const id of ids[i] ?? []) texts.push(page.slice(id.start, id.end));
    });
  }
  return texts;
}

export type Records = ReturnType<typeof makeRecords>;
