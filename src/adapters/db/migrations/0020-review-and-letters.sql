-- The reviewer's working copy, the issued Final Determination Letter and its published copy (issue 7).
-- Each is stored whole as jsonb (the domain's WorkingCopy / FinalDeterminationLetter); revisions live in the
-- working copy and, like every change, in audit_log. PostgreSQL 15 SQL only.

CREATE TABLE review_working_copies (
  case_id text PRIMARY KEY REFERENCES cases (id),
  version integer NOT NULL CHECK (version >= 1),
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One issued letter per case; it never changes once written.
CREATE TABLE issued_letters (
  case_id text PRIMARY KEY REFERENCES cases (id),
  issued_on date NOT NULL,
  issued_by text NOT NULL,
  letter jsonb NOT NULL,
  qa jsonb NOT NULL,
  override jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Publication numbers are not case numbers: the public copy carries no case-identifying number.
CREATE SEQUENCE publication_numbers;

CREATE TABLE published_letters (
  publication_number text PRIMARY KEY,
  case_id text NOT NULL UNIQUE REFERENCES issued_letters (case_id),
  published_on date NOT NULL,
  letter jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
