-- The expert reviewer panel and the designation of reviewers to cases (issue 6).
-- A reviewer is stored whole as jsonb (the domain's ExpertReviewer, without openCases) beside the columns that
-- assignment updates under concurrency: capacity and open_cases. Reviewer identities live only here and in the
-- audit log; nothing in the cases table names a reviewer (LC §4610.6(f)).

CREATE TABLE reviewers (
  id text PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  capacity integer NOT NULL CHECK (capacity >= 0),
  open_cases integer NOT NULL DEFAULT 0 CHECK (open_cases >= 0),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per reviewer designated to a case. A reassignment ends the row (ended_on, end_reason) and adds another;
-- rows are never deleted, so the history of who reviewed which worker stays.
CREATE TABLE reviewer_assignments (
  id bigserial PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases (id),
  reviewer_id text NOT NULL REFERENCES reviewers (id),
  employee_key text NOT NULL,
  items jsonb NOT NULL,
  assigned_on date NOT NULL,
  why text NOT NULL,
  approval text,
  ended_on date,
  end_reason text CHECK (end_reason IN ('declined', 'conflict', 'removed')),
  end_note text
);
CREATE UNIQUE INDEX reviewer_assignments_active ON reviewer_assignments (case_id, reviewer_id) WHERE ended_on IS NULL;
CREATE INDEX reviewer_assignments_case ON reviewer_assignments (case_id, id);
CREATE INDEX reviewer_assignments_reviewer ON reviewer_assignments (reviewer_id) WHERE ended_on IS NULL;
