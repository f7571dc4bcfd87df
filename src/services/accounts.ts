import type { CaseId } from "../domain/case/types.ts";
import { AppError } from "./errors.ts";
import { type LoginLimiter, makeLoginLimiter } from "./login-limiter.ts";
import type { Clock, PartyKind, Role, Secrets, StaffRole, User, UserStore } from "./ports.ts";

export type NewUser = { username: string; password: string; role: Role; staffRole?: StaffRole; reviewerId?: string; caseId?: CaseId; partyKind?: PartyKind };

/** What a signed-in user may learn about their own account: never a reviewer id (LC §4610.6(f)). */
export type OwnAccount = { username: string; role: Role; staffRole?: StaffRole; caseId?: CaseId; partyKind?: PartyKind };

export const MIN_PASSWORD_LENGTH = 12;
export const DEFAULT_SESSION_HOURS = 8;

export function ownAccount(user: User): OwnAccount {
  return {
    username: user.username,
    role: user.role,
    ...(user.staffRole ? { staffRole: user.staffRole } : {}),
    ...(user.role === "party" && user.caseId ? { caseId: user.caseId } : {}),
    ...(user.partyKind ? { partyKind: user.partyKind } : {}),
  };
}

function checkNewUser(user: NewUser): void {
  const issues: { code: string; message: string; path: string }[] = [];
  if (!/^[A-Za-z0-9._@-]{3,100}$/.test(user.username)) issues.push({ code: "INPUT_INVALID", message: "3-100 letters, digits, '.', '_', '@' or '-'", path: "username" });
  if (user.password.length < MIN_PASSWORD_LENGTH) issues.push({ code: "INPUT_INVALID", message: `at least ${MIN_PASSWORD_LENGTH} characters`, path: "password" });
  if (user.role === "staff" && !user.staffRole) issues.push({ code: "INPUT_INVALID", message: "staff need a staff role (intake, medical-director or admin)", path: "staffRole" });
  if (user.role === "reviewer" && !user.reviewerId) issues.push({ code: "INPUT_INVALID", message: "a reviewer account is linked to a panel reviewer", path: "reviewerId" });
  if (user.role === "party" && (!user.caseId || !user.partyKind)) issues.push({ code: "INPUT_INVALID", message: "a party account is linked to one case and names the party", path: user.caseId ? "partyKind" : "caseId" });
  if (user.role !== "staff" && user.staffRole) issues.push({ code: "INPUT_INVALID", message: "only staff have a staff role", path: "staffRole" });
  if (user.role !== "reviewer" && user.reviewerId) issues.push({ code: "INPUT_INVALID", message: "only a reviewer account names a reviewer", path: "reviewerId" });
  if (user.role !== "party" && (user.caseId || user.partyKind)) issues.push({ code: "INPUT_INVALID", message: "only a party account names a case", path: "caseId" });
  if (issues.length) throw new AppError("INPUT_INVALID", issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues);
}

/** Users, sign-in and sessions: scrypt password hashes, random bearer tokens stored as digests, a login limiter. */
export function makeAccounts(deps: { users: UserStore; secrets: Secrets; clock: Clock; sessionHours?: number; limiter?: LoginLimiter }) {
  const limiter = deps.limiter ?? makeLoginLimiter();
  const sessionMs = (deps.sessionHours ?? DEFAULT_SESSION_HOURS) * 3600 * 1000;
  let decoy: Promise<string> | undefined;

  return {
    async addUser(input: NewUser, options: { actor: string }): Promise<User> {
      checkNewUser(input);
      const hash = await deps.secrets.hashPassword(input.password);
      const { password: _p, ...rest } = input;
      const user: User = { ...rest, id: `usr-${deps.secrets.newToken().slice(0, 12)}`, disabled: false };
      return deps.users.create(user, hash, options.actor);
    },

    /** Signs in; AUTH_FAILED without saying whether the user exists, AUTH_RATE_LIMITED after repeated failures. */
    async login(username: string, password: string, address: string): Promise<{ token: string; expiresAt: string; user: OwnAccount }> {
      const now = deps.clock.now().getTime();
      const wait = limiter.waitMs(username, address, now);
      if (wait > 0) throw new AppError("AUTH_RATE_LIMITED", `Too many failed sign-ins; try again in ${Math.ceil(wait / 60000)} minute(s).`);
      const found = await deps.users.findByUsername(username);
      // Hash even for an unknown user, so the answer takes as long either way.
      decoy ??= deps.secrets.hashPassword("not a real password");
      const valid = await deps.secrets.verifyPassword(password, found?.passwordHash ?? (await decoy));
      if (!found || !valid || found.user.disabled) {
        limiter.fail(username, address, now);
        throw new AppError("AUTH_FAILED", "The username or password is wrong.");
      }
      limiter.succeed(username);
      const token = deps.secrets.newToken();
      const expiresAt = new Date(now + sessionMs);
      await deps.users.createSession(deps.secrets.digestToken(token), found.user.id, expiresAt);
      return { token, expiresAt: expiresAt.toISOString(), user: ownAccount(found.user) };
    },

    /** The user of a bearer token, or undefined when the token is unknown or expired. */
    authenticate(token: string): Promise<User | undefined> {
      return deps.users.sessionUser(deps.secrets.digestToken(token), deps.clock.now());
    },

    logout(token: string): Promise<void> {
      return deps.users.deleteSession(deps.secrets.digestToken(token));
    },

    list(): Promise<User[]> {
      return deps.users.list();
    },
  };
}

export type Accounts = ReturnType<typeof makeAccounts>;
