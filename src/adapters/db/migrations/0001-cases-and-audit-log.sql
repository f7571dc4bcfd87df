-- IMR cases and the append-only audit log (issue 5).
-- A case is stored whole as jsonb (the domain's ImrCase) with the columns the worklist and the
-- duplicate check query on. PostgreSQL 15 SQL only: the same file runs on PGlite and on the server.

CREATE TABLE cases (
  id text PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL,
  track text NOT NULL CHECK (track IN ('standard', 'expedited')),
  received_on date NOT NULL,
  duplicate_key text NOT NULL,
  employee_key text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One open application per duplicate key: withdrawn and ineligible cases may be filed again.
CREATE UNIQUE INDEX cases_open_duplicate_key ON cases (duplicate_key) WHERE status NOT IN ('withdrawn', 'ineligible');
CREATE INDEX cases_employee_key ON cases (employee_key);
CREATE INDEX cases_status ON cases (status);

-- Who did what, when, to which entity. Rows are only ever inserted: the triggers below refuse
-- UPDATE, DELETE and TRUNCATE, whatever the caller.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
