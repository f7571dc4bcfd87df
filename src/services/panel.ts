import { checkQualifications, expiringLicences } from "../domain/reviewers/qualification.ts";
import type { ExpertReviewer, Licence, ReviewerIssue } from "../domain/reviewers/types.ts";
import type { PlainDate } from "../domain/shared/types.ts";
import { AppError } from "./errors.ts";
import type { Clock, PanelStore } from "./ports.ts";

/** A panel line for staff: the reviewer, why they could not be assigned today, and licences about to expire. */
export type PanelEntry = { reviewer: ExpertReviewer; issues: ReviewerIssue[]; expiringLicences: Licence[] };

/** How many days ahead a licence expiry is flagged. */
export const LICENCE_WARNING_DAYS = 60;

/** The reviewer panel: import (all or nothing, audited) and the staff listing. */
export function makePanel(deps: { panel: PanelStore; clock: Clock }) {
  return {
    /** Stores every reviewer of a validated import in one transaction; a duplicate id in the file is refused. */
    async importPanel(reviewers: ExpertReviewer[], options: { actor: string }) {
      const seen = new Map<string, number>();
      const issues = reviewers.flatMap((r, i) => {
        const first = seen.get(r.id);
        seen.set(r.id, first ?? i);
        return first === undefined ? [] : [{ code: "REVIEWER_IMPORT_INVALID", message: `row ${i + 1} (id ${r.id}): the id is already used by row ${first + 1}`, path: `${i + 1}.id` }];
      });
      if (issues.length) throw new AppError("REVIEWER_IMPORT_INVALID", issues.map((i) => i.message).join("; "), issues);
      if (reviewers.length === 0) throw new AppError("REVIEWER_IMPORT_INVALID", "The file holds no reviewers.");
      return deps.panel.importPanel(reviewers, options.actor);
    },

    async list(on: PlainDate = deps.clock.today()): Promise<PanelEntry[]> {
      return (await deps.panel.list()).map((reviewer) => ({ reviewer, issues: checkQualifications(reviewer, on), expiringLicences: expiringLicences(reviewer, on, LICENCE_WARNING_DAYS) }));
    },

    today: (): PlainDate => deps.clock.today(),

    async get(id: string): Promise<ExpertReviewer> {
      const reviewer = await deps.panel.get(id);
      if (!reviewer) throw new AppError("REVIEWER_NOT_FOUND", `No reviewer ${id} on the panel.`);
      return reviewer;
    },
  };
}

export type Panel = ReturnType<typeof makePanel>;
