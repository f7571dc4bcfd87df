import { employeeKey } from "../domain/case/duplicate-key.ts";
import type { CaseId, ImrCase, NoticeChannel } from "../domain/case/types.ts";
import { type AssignmentProposal, proposeAssignment } from "../domain/reviewers/assignment.ts";
import { renderQualificationsStatement } from "../domain/reviewers/qualifications-statement.ts";
import type { ItemForMatching, SpecialtyTable } from "../domain/reviewers/specialty-matching.ts";
import type { CaseParties, ExpertReviewer, ReviewerIssue } from "../domain/reviewers/types.ts";
import { daysBetween } from "../domain/shared/dates.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import type { Cases } from "./cases.ts";
import { AppError } from "./errors.ts";
import type { CaseStore, Clock, NewAssignment, PanelStore, ReviewerAssignment } from "./ports.ts";

/** Why a reviewer leaves a case: they declined it, or a conflict of interest came to light. */
export type ReassignReason = "declined" | "conflict";

/** A reviewer as staff see it in an assignment report: identity, specialties, and the outcome for this case. */
export type ReviewerLine = { reviewerId: string; name: string; specialties: string[] };

/** The staff-only answer of assign and reassign: who was chosen and why, and every other reviewer of the panel. */
export type AssignmentReport = {
  caseId: CaseId;
  on: PlainDate;
  assigned: (ReviewerLine & { items: string[]; why: string; approval?: string })[];
  ranked: (ReviewerLine & { rank: number; score: number; covers: string[]; reasons: string[]; flags: string[] })[];
  excluded: (ReviewerLine & { reasons: ReviewerIssue[] })[];
  specialtiesByItem: AssignmentProposal["specialtiesByItem"];
  needsApproval?: AssignmentProposal["needsApproval"];
  ended?: { reviewerId: string; reason: ReassignReason; note?: string };
  /** The qualifications paragraph of the letter, generated from the assigned reviewer's record. */
  qualificationsStatements: string[];
};

/** The case's parties a reviewer must be independent of (LC §139.5(d)(5)-(6)), from the application. */
export function casePartiesOf(imrCase: ImrCase): CaseParties {
  const a = imrCase.application;
  const parties: CaseParties = { employee: a.employee.name, providers: [], workerKey: employeeKey(a) };
  if (a.employer?.name) parties.employer = a.employer.name;
  if (a.claimsAdministrator?.name) parties.claimsAdministrator = a.claimsAdministrator.name;
  if (a.urOrganization?.name) parties.urOrganization = a.urOrganization.name;
  if (a.urOrganization?.physician) parties.urPhysician = a.urOrganization.physician;
  if (a.treatingPhysician?.name) parties.providers.push({ name: a.treatingPhysician.name, ...(a.treatingPhysician.group ? { group: a.treatingPhysician.group } : {}) });
  if (a.expeditedCertification?.physician && a.expeditedCertification.physician !== a.treatingPhysician?.name) parties.providers.push({ name: a.expeditedCertification.physician });
  return parties;
}

/** Statuses in which a reviewer may be designated (the case is, or becomes, assigned to the IMR organisation). */
const DESIGNATABLE = ["eligible", "assigned", "records_complete"] as const;
/** Statuses in which a designated reviewer may be replaced. */
const REASSIGNABLE = ["assigned", "records_complete", "in_review"] as const;

/**
 * Reviewer assignment: ranks the stored panel for a case with proposeAssignment, designates the chosen reviewer(s),
 * and replaces a reviewer who declines or turns out to be conflicted. The case's deadline clocks are never touched
 * by a designation: they run from the case's own events (assignment to the IMRO, records received).
 */
export function makeAssignment(deps: {
  panel: PanelStore;
  cases: CaseStore;
  caseService: Cases;
  clock: Clock;
  classify: (request: string) => ItemForMatching;
  specialties: SpecialtyTable;
  organisationName: string;
}) {
  async function load(id: CaseId): Promise<ImrCase> {
    const imrCase = await deps.cases.get(id);
    if (!imrCase) throw new AppError("CASE_NOT_FOUND", `No case ${id}.`);
    return imrCase;
  }

  function dateOf(on: PlainDate | undefined): PlainDate {
    const today = deps.clock.today();
    const day = on ?? today;
    if (daysBetween(today, day) > 0) throw new AppError("INPUT_INVALID", `The date ${day} is after today (${today}).`, [{ code: "INPUT_INVALID", message: "an assignment cannot be dated in the future", path: "on" }]);
    return day;
  }

  async function panelWithHistory(): Promise<ExpertReviewer[]> {
    const [panel, history] = await Promise.all([deps.panel.list(), deps.panel.reviewedWorkers()]);
    return panel.map((r) => ({ ...r, reviewedWorkers: [...new Set([...(r.reviewedWorkers ?? []), ...(history.get(r.id) ?? [])])] }));
  }

  function report(caseId: CaseId, on: PlainDate, proposal: AssignmentProposal, panel: ExpertReviewer[], assigned: ReviewerAssignment[]): AssignmentReport {
    const byId = new Map(panel.map((r) => [r.id, r]));
    const line = (id: string): ReviewerLine => ({ reviewerId: id, name: byId.get(id)?.name ?? id, specialties: byId.get(id)?.specialties ?? [] });
    const active = assigned.filter((a) => !a.endedOn);
    return {
      caseId,
      on,
      assigned: active.map((a) => ({ ...line(a.reviewerId), items: a.items, why: a.why, ...(a.approval ? { approval: a.approval } : {}) })),
      ranked: proposal.ranked.map((r, i) => ({ ...line(r.reviewerId), rank: i + 1, score: r.score, covers: r.covers, reasons: r.reasons, flags: r.flags })),
      excluded: proposal.excluded.map((e) => ({ ...line(e.reviewerId), reasons: e.reasons })),
      specialtiesByItem: proposal.specialtiesByItem,
      ...(proposal.needsApproval ? { needsApproval: proposal.needsApproval } : {}),
      qualificationsStatements: active.flatMap((a) => {
        const reviewer = byId.get(a.reviewerId);
        return reviewer ? [renderQualificationsStatement(reviewer, deps.organisationName, on)] : [];
      }),
    };
  }

  /** Turns a proposal into designations, or the catalogued error explaining why it cannot be. */
  function designations(proposal: AssignmentProposal, approval: string | undefined): NewAssignment[] {
    if (proposal.unassignable) {
      const issues = proposal.excluded.flatMap((e) => e.reasons.map((r) => ({ code: r.code, message: `${e.reviewerId}: ${r.message} [${r.citation}]`, path: e.reviewerId })));
      const each = proposal.excluded.map((e) => `\n  ${e.reviewerId}: ${e.reasons.map((r) => `${r.code} (${r.message})`).join("; ")}`).join("");
      throw new AppError("NO_REVIEWER_AVAILABLE", `${proposal.unassignable}${each ? ` Excluded:${each}` : ""}`, issues);
    }
    if (proposal.needsApproval && !approval) {
      const issues = proposal.chosen.map((c) => ({ code: "REVIEWER_APPROVAL_REQUIRED", message: `${c.reviewerId} would review: ${c.items.join("; ")}`, path: c.reviewerId }));
      throw new AppError("REVIEWER_APPROVAL_REQUIRED", `${proposal.needsApproval.reason} Give the Administrative Director's written approval reference to assign ${proposal.chosen.length} reviewers [${proposal.needsApproval.citation}].`, issues);
    }
    return proposal.chosen.map((c) => ({ reviewerId: c.reviewerId, items: c.items, why: c.why, ...(proposal.needsApproval && approval ? { approval } : {}) }));
  }

  function itemsOf(imrCase: ImrCase): string[] {
    const items = (imrCase.application.urDecision?.items ?? []).map((i) => i.request);
    if (items.length === 0) throw new AppError("CASE_STATE_CONFLICT", `Case ${imrCase.id} has no disputed items to match a reviewer to.`);
    return items;
  }

  return {
    /** The ranking for a case without storing anything (what assign would do today). */
    async propose(caseId: CaseId, options: { on?: PlainDate } = {}): Promise<AssignmentReport> {
      const on = dateOf(options.on);
      const imrCase = await load(caseId);
      const panel = await panelWithHistory();
      const history = await deps.panel.assignmentsFor(caseId);
      const proposal = proposeAssignment(panel, casePartiesOf(imrCase), itemsOf(imrCase).map(deps.classify), deps.specialties, on, {
        exclude: history.filter((a) => a.endReason === "declined" || a.endReason === "conflict").map((a) => a.reviewerId),
      });
      return report(caseId, on, proposal, panel, history);
    },

    /** Designates the best reviewer(s) for a case; an eligible case is first assigned to the IMR organisation. */
    async assign(caseId: CaseId, options: { actor: string; on?: PlainDate; approval?: string; noticeChannel?: NoticeChannel }): Promise<AssignmentReport> {
      const on = dateOf(options.on);
      const imrCase = await load(caseId);
      if (!(DESIGNATABLE as readonly string[]).includes(imrCase.status)) {
        throw new AppError("CASE_STATE_CONFLICT", `Case ${caseId} is ${imrCase.status.replace(/_/g, " ")}: a reviewer is designated when the case is ${DESIGNATABLE.map((s) => s.replace(/_/g, " ")).join(", ")}.`);
      }
      const history = await deps.panel.assignmentsFor(caseId);
      if (history.some((a) => !a.endedOn)) throw new AppError("CASE_STATE_CONFLICT", `Case ${caseId} already has a reviewer; use reassign to change it.`);
      const panel = await panelWithHistory();
      const proposal = proposeAssignment(panel, casePartiesOf(imrCase), itemsOf(imrCase).map(deps.classify), deps.specialties, on, {
        exclude: history.filter((a) => a.endReason === "declined" || a.endReason === "conflict").map((a) => a.reviewerId),
      });
      const add = designations(proposal, options.approval);
      if (imrCase.status === "eligible") {
        await deps.caseService.assign(caseId, { actor: options.actor, on, expectedVersion: imrCase.version, ...(options.noticeChannel ? { noticeChannel: options.noticeChannel } : {}) });
      }
      const saved = await deps.panel.designate(caseId, { add, on, employeeKey: employeeKey(imrCase.application), expectNoneActive: true }, options.actor);
      return report(caseId, on, proposal, panel, saved);
    },

    /**
     * Replaces a reviewer who declined or is conflicted with the best remaining reviewer for the same items. The
     * case's events are not touched, so every deadline stays where it was.
     */
    async reassign(caseId: CaseId, options: { actor: string; reason: ReassignReason; reviewerId?: string; note?: string; on?: PlainDate; approval?: string }): Promise<AssignmentReport> {
      const on = dateOf(options.on);
      const imrCase = await load(caseId);
      if (!(REASSIGNABLE as readonly string[]).includes(imrCase.status)) {
        throw new AppError("CASE_STATE_CONFLICT", `Case ${caseId} is ${imrCase.status.replace(/_/g, " ")}: a reviewer can be replaced when the case is ${REASSIGNABLE.map((s) => s.replace(/_/g, " ")).join(", ")}.`);
      }
      const history = await deps.panel.assignmentsFor(caseId);
      const active = history.filter((a) => !a.endedOn);
      if (active.length === 0) throw new AppError("CASE_STATE_CONFLICT", `Case ${caseId} has no reviewer to replace; use assign.`);
      const target = options.reviewerId ? active.find((a) => a.reviewerId === options.reviewerId) : active.length === 1 ? active[0] : undefined;
      if (!target) {
        const message = options.reviewerId ? `Reviewer ${options.reviewerId} is not assigned to case ${caseId}.` : `Case ${caseId} has ${active.length} reviewers; name the one to replace.`;
        throw new AppError("INPUT_INVALID", message, [{ code: "INPUT_INVALID", message, path: "reviewerId" }]);
      }
      const panel = await panelWithHistory();
      const exclude = [...history.filter((a) => a.endReason === "declined" || a.endReason === "conflict").map((a) => a.reviewerId), ...active.map((a) => a.reviewerId)];
      const items = target.items.map(deps.classify);
      const proposal = proposeAssignment(panel, casePartiesOf(imrCase), items, deps.specialties, on, { exclude });
      const add = designations(proposal, options.approval ?? target.approval);
      const end = { reviewerId: target.reviewerId, on, reason: options.reason, ...(options.note ? { note: options.note } : {}) };
      const saved = await deps.panel.designate(caseId, { end: [end], add, on, employeeKey: employeeKey(imrCase.application) }, options.actor);
      return { ...report(caseId, on, proposal, panel, saved), ended: { reviewerId: target.reviewerId, reason: options.reason, ...(options.note ? { note: options.note } : {}) } };
    },

    /** Every designation of the case, ended ones included (staff only: it names reviewers). */
    async history(caseId: CaseId): Promise<ReviewerAssignment[]> {
      await load(caseId);
      return deps.panel.assignmentsFor(caseId);
    },

    /** Whether the reviewer is currently designated to the case. */
    async isAssigned(reviewerId: string, caseId: CaseId): Promise<boolean> {
      return (await deps.panel.assignmentsFor(caseId)).some((a) => a.reviewerId === reviewerId && !a.endedOn);
    },

    /**
     * What parties and the public may know about the reviewer(s): the qualifications paragraph only, never a name,
     * licence number or id (LC §4610.6(f)). Empty while no reviewer is designated.
     */
    async qualificationsStatements(caseId: CaseId, on: PlainDate = deps.clock.today()): Promise<string[]> {
      const active = (await deps.panel.assignmentsFor(caseId)).filter((a) => !a.endedOn);
      const reviewers = await Promise.all(active.map((a) => deps.panel.get(a.reviewerId)));
      return reviewers.flatMap((r) => (r ? [renderQualificationsStatement(r, deps.organisationName, on)] : []));
    },
  };
}

export type Assignment = ReturnType<typeof makeAssignment>;
