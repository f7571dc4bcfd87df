import { replay } from "../domain/case/state-machine.ts";
import type { Attachment, CaseEvent, CaseId, ImrCase } from "../domain/case/types.ts";
import { caseClocks } from "../domain/deadlines/clocks.ts";
import { caseIdentifiers, letterForCase } from "../domain/letter/case-letter.ts";
import type { DocumentReviewed, FinalDeterminationLetter } from "../domain/letter/model.ts";
import { type IdentifierLeft, identifiersLeft } from "../domain/letter/publication-check.ts";
import { QA_CHECKS, type QaContext, type QaResult, runQaChecks } from "../domain/letter/qa-checks.ts";
import { type Identifier, publishedCopy } from "../domain/letter/redaction.ts";
import { editWorkingCopy, signItem, unsignedItems, type WorkingCopy, type WorkingCopyEdit, workingCopyFromDraft } from "../domain/letter/working-copy.ts";
import { findIdentifiers as findRecordIdentifiers, personNameWords } from "../domain/records/identifiers.ts";
import { splitRecordFile, uniqueTitles } from "../domain/records/split-documents.ts";
import type { IdentifierKind as RecordIdentifierKind } from "../domain/records/types.ts";
import type { DraftInput } from "../domain/review/draft.ts";
import { renderQualificationsStatement } from "../domain/reviewers/qualifications-statement.ts";
import type { ExpertReviewer } from "../domain/reviewers/types.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import type { Drafting } from "./drafting.ts";
import { AppError } from "./errors.ts";
import { auditFor, type DeadlineSettings } from "./intake.ts";
import type { Letterhead } from "./letters.ts";
import type { AuditEntry, CaseStore, Clock, IssuedLetter, LetterStore, PanelStore, PublishedLetter } from "./ports.ts";
import type { CaseFile, Records } from "./records.ts";

/** A QA check's result with what it guards against, as shown before issue. */
export type QaReport = {
  results: (QaResult & { explain: string })[];
  passed: boolean;
  unsigned: number[];
  override?: WorkingCopy["override"];
  dueDate?: PlainDate;
  coveredByOverride: boolean;
};

/** Statuses in which the reviewer may work on the determination. */
const REVIEWABLE = ["assigned", "records_complete", "in_review"] as const;

/** Kinds of identifier the records recogniser finds, as the letter's redaction names them; employers are not personal identifiers. */
const RECORD_KINDS: Partial<Record<RecordIdentifierKind, Identifier["kind"]>> = {
  name: "name",
  "date of birth": "date-of-birth",
  "claim number": "claim-number",
  ssn: "ssn",
  address: "address",
  phone: "phone",
  email: "email",
};

function recordAttachments(imrCase: ImrCase): Attachment[] {
  return (imrCase.application.attachments ?? []).filter((a) => a.text?.trim());
}

/** The case file made of the case's record attachments: reports split out, identifiers found (as the records service does for files). */
function caseFileOf(imrCase: ImrCase): CaseFile {
  const documents = uniqueTitles(recordAttachments(imrCase).flatMap((a) => splitRecordFile({ name: a.title, pages: a.text!.split("\f") })));
  const known = [...new Set(documents.flatMap((d) => d.pages.flatMap(personNameWords)))];
  return { documents, problems: [], identifiers: new Map(documents.map((d) => [d.document, d.pages.map((p) => findRecordIdentifiers(p, known))])) };
}

/**
 * The reviewer's workflow from the engine's draft to the issued and published letter: a working copy per case,
 * tracked edits, a signature per item, the QA checks, the medical director's override, issue and publication.
 */
export function makeReview(deps: {
  cases: CaseStore;
  letters: LetterStore;
  drafting: Drafting;
  clock: Clock;
  letterhead: Letterhead;
  /** Every citation of the knowledge base the drafts use, for the citation check. */
  knownCitations: QaContext["knownCitations"];
  /** The reviewer panel and designations (issue 6); without it no letter can issue. */
  panel?: Pick<PanelStore, "get" | "assignmentsFor">;
  records?: Pick<Records, "draftWithRecords">;
  settings?: DeadlineSettings;
}) {
  const organisation: FinalDeterminationLetter["organisation"] = {
    name: deps.letterhead.name,
    addressLines: deps.letterhead.addressLines,
    ...(deps.letterhead.phone ? { phone: deps.letterhead.phone } : {}),
  };

  async function loadCase(id: CaseId): Promise<ImrCase> {
    const imrCase = await deps.cases.get(id);
    if (!imrCase) throw new AppError("CASE_NOT_FOUND", `No case ${id}.`);
    return imrCase;
  }

  async function reviewersOf(caseId: CaseId): Promise<ExpertReviewer[]> {
    if (!deps.panel) return [];
    const active = (await deps.panel.assignmentsFor(caseId)).filter((a) => !a.endedOn);
    const reviewers = await Promise.all([...new Set(active.map((a) => a.reviewerId))].map((id) => deps.panel!.get(id)));
    return reviewers.filter((r): r is ExpertReviewer => r !== undefined);
  }

  function qualificationsOf(reviewers: ExpertReviewer[], on: PlainDate): string | undefined {
    if (reviewers.length === 0) return undefined;
    return reviewers.map((r) => renderQualificationsStatement(r, organisation.name, on)).join("\n\n");
  }

  async function createCopy(imrCase: ImrCase, actor: string): Promise<WorkingCopy> {
    if (!(REVIEWABLE as readonly string[]).includes(imrCase.status)) {
      throw new AppError(
        "CASE_STATE_CONFLICT",
        `Case ${imrCase.id} is ${imrCase.status.replace(/_/g, " ")}: a review starts once the case is assigned (allowed when ${REVIEWABLE.join(", ").replace(/_/g, " ")}).`,
      );
    }
    const ur = imrCase.application.urDecision;
    const input: DraftInput = { items: (ur?.items ?? []).map((i) => ({ request: i.request })) };
    if (ur) input.requestDate = ur.date;
    const caseFile = caseFileOf(imrCase);
    let draft = deps.drafting.draft({ ...input, records: caseFile.documents });
    let caseSummary = "";
    if (deps.records && caseFile.documents.length > 0) {
      const withRecords = deps.records.draftWithRecords((i) => deps.drafting.draft(i), input, caseFile);
      draft = withRecords;
      caseSummary = withRecords.caseSummaryDraft;
    }
    const copy = workingCopyFromDraft(imrCase.id, draft, caseSummary, deps.clock.now().toISOString());
    const records: DocumentReviewed[] = caseFile.documents.map((d) => ({
      type: d.type,
      ...(d.authorRole ? { authorRole: d.authorRole } : {}),
      ...(d.date ? { date: d.date } : {}),
      pages: d.pages.length,
    }));
    copy.records = records;
    return deps.letters.saveWorkingCopy(copy, 0, [
      { actor, action: "review_started_from_draft", detail: { items: copy.items.length, knowledgeBaseVersion: copy.knowledgeBaseVersion } },
    ]);
  }

  async function workingCopy(caseId: CaseId, actor: string): Promise<{ imrCase: ImrCase; copy: WorkingCopy }> {
    const imrCase = await loadCase(caseId);
    const copy = (await deps.letters.getWorkingCopy(caseId)) ?? (await createCopy(imrCase, actor));
    return { imrCase, copy };
  }

  async function refuseWhenIssued(caseId: CaseId): Promise<void> {
    if (await deps.letters.getIssued(caseId))
      throw new AppError("CASE_STATE_CONFLICT", `The letter of case ${caseId} has been issued; the determination can no longer change.`);
  }

  function checkVersion(copy: WorkingCopy, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && expectedVersion !== copy.version) {
      throw new AppError(
        "REVIEW_CHANGED",
        `The working copy of case ${copy.caseId} is at version ${copy.version}, not ${expectedVersion}: it changed since you read it.`,
      );
    }
  }

  function qaContext(imrCase: ImrCase, copy: WorkingCopy, letter: FinalDeterminationLetter, today: PlainDate): QaContext {
    const due = caseClocks(imrCase, today, deps.settings).find((c) => c.code === "DETERMINATION")?.dueOn ?? undefined;
    return {
      letter,
      signed: copy.items.map((i) => i.signature !== undefined),
      requests: copy.items.map((i) => ({ ...(i.bodyParts ? { bodyParts: i.bodyParts } : {}), ...(i.laterality ? { laterality: i.laterality } : {}) })),
      knownCitations: deps.knownCitations,
      recordTexts: recordAttachments(imrCase).map((a) => a.text!),
      ...(due ? { dueDate: due } : {}),
      ...(copy.delayReason ? { delayReason: copy.delayReason } : {}),
    };
  }

  function report(imrCase: ImrCase, copy: WorkingCopy, letter: FinalDeterminationLetter, today: PlainDate): QaReport {
    const ctx = qaContext(imrCase, copy, letter, today);
    const results = runQaChecks(ctx).map((r) => ({ ...r, explain: QA_CHECKS.find((c) => c.code === r.code)!.explain }));
    const failing = results.filter((r) => !r.passed).map((r) => r.code);
    const coveredByOverride =
      failing.length > 0 && copy.override !== undefined && failing.every((code) => code !== "ITEM_NOT_DECIDED" && copy.override!.checks.includes(code));
    return {
      results,
      passed: failing.length === 0,
      unsigned: unsignedItems(copy),
      coveredByOverride,
      ...(copy.override ? { override: copy.override } : {}),
      ...(ctx.dueDate ? { dueDate: ctx.dueDate } : {}),
    };
  }

  function draftLetter(imrCase: ImrCase, copy: WorkingCopy, reviewers: ExpertReviewer[], on: PlainDate): FinalDeterminationLetter {
    const qualifications =
      qualificationsOf(reviewers, on) ??
      `No expert reviewer is designated to this case yet; ${organisation.name} states the reviewer's qualifications here once a qualified, conflict-free reviewer is designated.`;
    return letterForCase(imrCase, copy, { organisation, qualifications, letterDate: on });
  }

  /** The identifiers a published copy must not hold: the case record's, the reviewers' names, and those the records recogniser finds. */
  function identifiersFor(imrCase: ImrCase, reviewers: ExpertReviewer[]): Identifier[] {
    const ids = caseIdentifiers(imrCase);
    for (const r of reviewers) ids.push({ kind: "name", value: r.name });
    const caseFile = caseFileOf(imrCase);
    for (const doc of caseFile.documents) {
      const spans = caseFile.identifiers.get(doc.document) ?? [];
      doc.pages.forEach((page, i) => {
        for (const span of spans[i] ?? []) {
          const kind = RECORD_KINDS[span.kind];
          const value = page.slice(span.start, span.end).trim();
          if (kind && value.length >= 3 && !ids.some((x) => x.kind === kind && x.value === value)) ids.push({ kind, value });
        }
      });
    }
    return ids;
  }

  return {
    /** The working copy of a case, made from the engine's draft the first time it is asked for. */
    async workingCopy(caseId: CaseId, options: { actor: string }): Promise<WorkingCopy> {
      return (await workingCopy(caseId, options.actor)).copy;
    },

    /** Changes the decision, rationale or citation of an item, the case summary or the delay reason; each change is a revision. */
    async edit(caseId: CaseId, edit: WorkingCopyEdit, options: { actor: string; expectedVersion?: number }): Promise<WorkingCopy> {
      await refuseWhenIssued(caseId);
      const { copy } = await workingCopy(caseId, options.actor);
      checkVersion(copy, options.expectedVersion);
      const result = editWorkingCopy(copy, edit, options.actor, deps.clock.now().toISOString());
      if (!result.ok)
        throw new AppError(
          "INPUT_INVALID",
          result.issues.map((i) => i.message).join(" "),
          result.issues.map((i) => ({ code: i.code, message: i.message, path: i.path ?? "(root)" })),
        );
      if (result.value.revisions.length === 0) return copy;
      const audit: AuditEntry[] = result.value.revisions.map((r) => ({
        actor: options.actor,
        action: "review_edited",
        detail: {
          revision: r.n,
          field: r.field,
          ...(r.item !== undefined ? { item: r.item } : {}),
          beforeLength: r.before.length,
          afterLength: r.after.length,
        },
      }));
      return deps.letters.saveWorkingCopy(result.value.copy, copy.version, audit);
    },

    /** The reviewer signs items (1-based), or every item with "all". */
    async sign(caseId: CaseId, items: number[] | "all", options: { actor: string; expectedVersion?: number }): Promise<WorkingCopy> {
      await refuseWhenIssued(caseId);
      const { copy } = await workingCopy(caseId, options.actor);
      checkVersion(copy, options.expectedVersion);
      const numbers = items === "all" ? copy.items.map((_i, n) => n + 1) : items;
      if (numbers.length === 0) throw new AppError("INPUT_INVALID", "Name the item(s) to sign.");
      let next = copy;
      const at = deps.clock.now().toISOString();
      for (const n of numbers) {
        const signed = signItem(next, n, options.actor, at);
        if (!signed.ok)
          throw new AppError(
            "INPUT_INVALID",
            signed.issues.map((i) => i.message).join(" "),
            signed.issues.map((i) => ({ code: i.code, message: i.message, path: "item" })),
          );
        next = signed.value;
      }
      return deps.letters.saveWorkingCopy(
        next,
        copy.version,
        numbers.map((n) => ({ actor: options.actor, action: "item_signed", detail: { item: n, request: copy.items[n - 1]!.request } })),
      );
    },

    /** Runs every QA check on the letter as it would issue today, each explained. */
    async qa(caseId: CaseId, options: { actor: string; on?: PlainDate }): Promise<QaReport> {
      const { imrCase, copy } = await workingCopy(caseId, options.actor);
      const on = options.on ?? deps.clock.today();
      return report(imrCase, copy, draftLetter(imrCase, copy, await reviewersOf(caseId), on), on);
    },

    /** The medical director lets the letter issue despite the QA checks failing now, with a reason (audited). */
    async override(caseId: CaseId, reason: string, options: { actor: string }): Promise<QaReport> {
      await refuseWhenIssued(caseId);
      if (!reason.trim())
        throw new AppError("INPUT_INVALID", "An override needs the medical director's reason.", [
          { code: "INPUT_INVALID", message: "give a reason", path: "reason" },
        ]);
      const { imrCase, copy } = await workingCopy(caseId, options.actor);
      const today = deps.clock.today();
      const before = report(imrCase, copy, draftLetter(imrCase, copy, await reviewersOf(caseId), today), today);
      const checks = before.results.filter((r) => !r.passed && r.code !== "ITEM_NOT_DECIDED").map((r) => r.code);
      if (checks.length === 0)
        throw new AppError(
          "INPUT_INVALID",
          "No QA check that an override can cover fails: there is nothing to override (unsigned items are signed by the reviewer, never overridden).",
        );
      const override = { by: options.actor, at: deps.clock.now().toISOString(), reason: reason.trim(), checks };
      const saved = await deps.letters.saveWorkingCopy({ ...copy, override }, copy.version, [
        { actor: options.actor, action: "qa_overridden", detail: { checks, reason: override.reason } },
      ]);
      return report(imrCase, saved, draftLetter(imrCase, saved, await reviewersOf(caseId), today), today);
    },

    /**
     * Issues the letter: every item signed, the QA checks passed or overridden, a reviewer designated. The case goes
     * through decided to letter issued in the same transaction that stores the letter.
     */
    async issue(caseId: CaseId, options: { actor: string }): Promise<IssuedLetter> {
      await refuseWhenIssued(caseId);
      const { imrCase, copy } = await workingCopy(caseId, options.actor);
      const on = deps.clock.today();
      const unsigned = unsignedItems(copy);
      if (unsigned.length > 0) {
        throw new AppError(
          "ITEMS_NOT_SIGNED",
          `The letter of case ${caseId} cannot issue: item(s) ${unsigned.join(", ")} of ${copy.items.length} are not signed by the expert reviewer.`,
          unsigned.map((n) => ({ code: "ITEM_NOT_SIGNED", message: `"${copy.items[n - 1]!.request}" is not signed.`, path: `items.${n}` })),
        );
      }
      if (!copy.caseSummary.trim())
        throw new AppError("INPUT_INVALID", `The case summary of case ${caseId} is empty: write it before the letter issues.`, [
          { code: "CASE_SUMMARY_EMPTY", message: "write the case summary", path: "caseSummary" },
        ]);
      const reviewers = await reviewersOf(caseId);
      const qualifications = qualificationsOf(reviewers, on);
      if (!qualifications)
        throw new AppError("REVIEWER_NOT_ASSIGNED", `No expert reviewer is designated to case ${caseId}: designate one before the letter issues.`);
      const events: CaseEvent[] = [
        ...(imrCase.status === "records_complete" ? [{ type: "review_started" as const, on }] : []),
        { type: "decided", on, items: copy.items.map((i) => ({ request: i.request, determination: i.decision })) },
        { type: "letter_issued", on },
      ];
      const moved = replay(imrCase, events);
      if (!moved.ok) {
        const code = moved.issues.some((i) => i.code === "TRANSITION_NOT_ALLOWED") ? "CASE_STATE_CONFLICT" : "INPUT_INVALID";
        throw new AppError(
          code,
          moved.issues.map((i) => i.message).join(" "),
          moved.issues.map((i) => ({ code: i.code, message: i.message, path: i.path ?? "(root)" })),
        );
      }
      const letter = letterForCase(moved.value, copy, { organisation, qualifications, letterDate: on });
      const qa = report(imrCase, copy, letter, on);
      if (!qa.passed && !qa.coveredByOverride) {
        const failing = qa.results.filter((r) => !r.passed);
        throw new AppError(
          "QA_CHECKS_FAILED",
          `The letter of case ${caseId} cannot issue: ${failing.length} QA check(s) fail (${failing.map((r) => r.code).join(", ")}). Fix the working copy, or the medical director may override with a reason.`,
          failing.map((r) => ({ code: r.code, message: r.message })),
        );
      }
      const issued: IssuedLetter = {
        caseId,
        letter,
        issuedOn: on,
        issuedBy: options.actor,
        qa: qa.results.map(({ explain: _e, ...r }) => r),
        ...(copy.override && !qa.passed ? { override: copy.override } : {}),
      };
      const audit = [
        ...events.map((e) => auditFor(e, options.actor)),
        {
          actor: options.actor,
          action: "letter_issued_with_qa",
          detail: { failing: qa.results.filter((r) => !r.passed).map((r) => r.code), overridden: issued.override !== undefined },
        },
      ];
      await deps.letters.issue(moved.value, imrCase.version, issued, audit);
      return issued;
    },

    /** The parties' letter as issued; with `draft`, the working copy as a letter dated today. */
    async letter(caseId: CaseId, options: { actor: string; draft?: boolean }): Promise<FinalDeterminationLetter> {
      if (!options.draft) {
        const issued = await deps.letters.getIssued(caseId);
        if (!issued) {
          await loadCase(caseId);
          throw new AppError(
            "LETTER_NOT_ISSUED",
            `The letter of case ${caseId} has not been issued; ask for the working copy (--draft / ?draft=true) or issue it first.`,
          );
        }
        return issued.letter;
      }
      const { imrCase, copy } = await workingCopy(caseId, options.actor);
      const on = deps.clock.today();
      return draftLetter(imrCase, copy, await reviewersOf(caseId), on);
    },

    /**
     * Publishes the redacted copy of the issued letter, once; the redaction check refuses a copy in which an
     * identifier of the case record still appears, naming its kind and section (never its value).
     */
    async publish(caseId: CaseId, options: { actor: string }): Promise<PublishedLetter> {
      const existing = await deps.letters.getPublishedByCase(caseId);
      if (existing) return existing;
      const imrCase = await loadCase(caseId);
      const issued = await deps.letters.getIssued(caseId);
      if (!issued) throw new AppError("LETTER_NOT_ISSUED", `The letter of case ${caseId} has not been issued, so it cannot be published.`);
      const identifiers = identifiersFor(imrCase, await reviewersOf(caseId));
      const left: IdentifierLeft[] = identifiersLeft(publishedCopy(issued.letter, identifiers, "P-CHECK"), identifiers);
      if (left.length > 0) {
        throw new AppError(
          "PUBLICATION_IDENTIFIER_FOUND",
          `The published copy of case ${caseId} would still hold ${left.map((l) => `a ${l.kind.replace(/-/g, " ")} in ${l.section}`).join("; ")}. Nothing was published.`,
          left.map((l) => ({ code: "IDENTIFIER_LEFT", message: `${l.kind} in ${l.section}`, path: l.section })),
        );
      }
      return deps.letters.publish(caseId, deps.clock.today(), (number) => publishedCopy(issued.letter, identifiers, number), [
        { actor: options.actor, action: "letter_published" },
      ]);
    },

    /** A published letter, for the public. */
    async published(publicationNumber: string): Promise<PublishedLetter> {
      const found = await deps.letters.getPublished(publicationNumber);
      if (!found) throw new AppError("PUBLICATION_NOT_FOUND", `No published letter ${publicationNumber}.`);
      return found;
    },

    /** The published copy of a case's letter. */
    async publishedForCase(caseId: CaseId): Promise<PublishedLetter> {
      const found = await deps.letters.getPublishedByCase(caseId);
      if (!found) {
        await loadCase(caseId);
        throw new AppError("PUBLICATION_NOT_FOUND", `The letter of case ${caseId} has not been published.`);
      }
      return found;
    },

    /** The revisions of the working copy, oldest first. */
    async revisions(caseId: CaseId, options: { actor: string }) {
      return (await workingCopy(caseId, options.actor)).copy.revisions;
    },
  };
}

export type Review = ReturnType<typeof makeReview>;
