-- Users, their roles and their sessions (issue 6).
-- Passwords are stored as scrypt hashes with their salt and cost parameters ("scrypt$N$r$p$salt$hash").
-- Session tokens are random; only their SHA-256 is stored, so a copy of the table does not let anyone sign in.

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('staff', 'reviewer', 'party')),
  staff_role text CHECK (staff_role IN ('intake', 'medical-director', 'admin')),
  reviewer_id text REFERENCES reviewers (id),
  case_id text REFERENCES cases (id),
  party_kind text CHECK (party_kind IN ('employee', 'representative', 'claims-administrator', 'treating-physician')),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'staff') = (staff_role IS NOT NULL)),
  CHECK ((role = 'reviewer') = (reviewer_id IS NOT NULL)),
  CHECK ((role = 'party') = (case_id IS NOT NULL AND party_kind IS NOT NULL))
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
