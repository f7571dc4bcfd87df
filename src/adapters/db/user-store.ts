import { AppError } from "../../services/errors.ts";
import type { User, UserStore } from "../../services/ports.ts";
import { type Db, sqlState } from "./db.ts";

type UserRow = {
  id: string;
  username: string;
  password_hash: string;
  role: User["role"];
  staff_role: User["staffRole"] | null;
  reviewer_id: string | null;
  case_id: string | null;
  party_kind: User["partyKind"] | null;
  disabled: boolean;
};

function fromRow(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    ...(row.staff_role ? { staffRole: row.staff_role } : {}),
    ...(row.reviewer_id ? { reviewerId: row.reviewer_id } : {}),
    ...(row.case_id ? { caseId: row.case_id } : {}),
    ...(row.party_kind ? { partyKind: row.party_kind } : {}),
    disabled: row.disabled,
  };
}

const SELECT = "select id, username, password_hash, role, staff_role, reviewer_id, case_id, party_kind, disabled from users";

/** Users and sessions in the users and sessions tables (migration 0011). Only token digests are stored. */
export class DbUserStore implements UserStore {
  constructor(private readonly db: Db) {}

  async create(user: User, passwordHash: string, actor: string): Promise<User> {
    try {
      await this.db.transaction(async (tx) => {
        await tx.query(
          "insert into users (id, username, password_hash, role, staff_role, reviewer_id, case_id, party_kind, disabled) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          [
            user.id,
            user.username,
            passwordHash,
            user.role,
            user.staffRole ?? null,
            user.reviewerId ?? null,
            user.caseId ?? null,
            user.partyKind ?? null,
            user.disabled,
          ],
        );
        const { id: _id, ...detail } = user;
        await tx.query("insert into audit_log (actor, action, entity_type, entity_id, detail) values ($1, 'user_added', 'user', $2, $3::jsonb)", [
          actor,
          user.id,
          JSON.stringify(detail),
        ]);
      });
    } catch (error) {
      if (sqlState(error) === "23505") throw new AppError("USER_EXISTS", `A user named "${user.username}" already exists.`);
      if (sqlState(error) === "23503") {
        const what = user.reviewerId ? `reviewer ${user.reviewerId}` : `case ${user.caseId}`;
        throw new AppError("INPUT_INVALID", `The user is linked to ${what}, which does not exist.`, [
          { code: "INPUT_INVALID", message: "no such reviewer or case", path: user.reviewerId ? "reviewerId" : "caseId" },
        ]);
      }
      throw error;
    }
    return user;
  }

  async findByUsername(username: string) {
    const [row] = await this.db.query<UserRow>(`${SELECT} where lower(username) = lower($1)`, [username]);
    return row ? { user: fromRow(row), passwordHash: row.password_hash } : undefined;
  }

  async get(id: string) {
    const [row] = await this.db.query<UserRow>(`${SELECT} where id = $1`, [id]);
    return row ? fromRow(row) : undefined;
  }

  async list() {
    return (await this.db.query<UserRow>(`${SELECT} order by username`)).map(fromRow);
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date) {
    await this.db.query("insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)", [tokenHash, userId, expiresAt.toISOString()]);
  }

  async sessionUser(tokenHash: string, now: Date) {
    const [row] = await this.db.query<UserRow>(
      "select u.id, u.username, u.password_hash, u.role, u.staff_role, u.reviewer_id, u.case_id, u.party_kind, u.disabled from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > $2 and not u.disabled",
      [tokenHash, now.toISOString()],
    );
    return row ? fromRow(row) : undefined;
  }

  async deleteSession(tokenHash: string) {
    await this.db.query("delete from sessions where token_hash = $1", [tokenHash]);
  }
}
