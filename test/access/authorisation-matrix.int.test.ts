// Every route of the built app × every role: the status each caller gets follows from the route's declared access,
// and no answer to anyone but staff names a reviewer. Runs on the embedded database and on PostgreSQL.
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseServices } from "../../src/compose.ts";
import type { Access, Grant, RouteAccess } from "../../src/interfaces/http/access.ts";
import { installAccessControl } from "../../src/interfaces/http/access.ts";
import { buildApp } from "../../src/interfaces/http/app.ts";
import { installErrorHandling } from "../../src/interfaces/http/errors.ts";
import type { User } from "../../src/services/ports.ts";
import { databaseTargets, type TestDatabase } from "../contracts/databases.ts";
import { CONFLICTED_EMPLOYER, OTHER, PLANTED, servicesOn, testPanel, uniqueApplication } from "./panel-fixtures.ts";

const { targets } = await databaseTargets();
const PASSWORD = "matrix password 2015";

/** A caller of the matrix, as the test knows it (independently of the access hook). */
type Persona = {
  name: string;
  user?: Omit<Parameters<CaseServices["accounts"]["addUser"]>[0], "password">;
  /** Whether this persona is the designated reviewer, or a party, of the case the matrix requests (case A). */
  assignedToA?: boolean;
  partyOfA?: boolean;
};

const PERSONAS: Persona[] = [
  { name: "anonymous" },
  { name: "admin", user: { username: "m-admin", role: "staff", staffRole: "admin" } },
  { name: "intake", user: { username: "m-intake", role: "staff", staffRole: "intake" } },
  { name: "medical director", user: { username: "m-md", role: "staff", staffRole: "medical-director" } },
  { name: "assigned reviewer", user: { username: "m-rev", role: "reviewer", reviewerId: PLANTED.id }, assignedToA: true },
  { name: "other reviewer", user: { username: "m-rev2", role: "reviewer", reviewerId: OTHER.id } },
  { name: "worker of the case", user: { username: "m-worker", role: "party", partyKind: "employee" }, partyOfA: true },
  { name: "claims administrator of another case", user: { username: "m-ca", role: "party", partyKind: "claims-administrator" } },
];

/** What a grant means, restated from access.ts's documentation so the test checks the hook rather than reusing it. */
function admits(grant: Grant, p: Persona, route: RouteAccess): boolean {
  const u = p.user!;
  const onCase = route.url.includes(":id");
  if (grant === "authenticated") return true;
  if (grant === "staff") return u.role === "staff";
  if (grant.startsWith("staff:")) return u.role === "staff" && grant === `staff:${u.staffRole}`;
  if (grant === "reviewer") return u.role === "reviewer";
  if (grant === "reviewer:assigned") return onCase && Boolean(p.assignedToA);
  if (grant === "party:own-case") return onCase && Boolean(p.partyOfA);
  return false;
}

function expected(access: Access | undefined, p: Persona, route: RouteAccess): 401 | 403 | "allowed" {
  if (access === "public") return "allowed";
  if (!p.user) return 401;
  if (!access) return 403;
  return access.some((g) => admits(g, p, route)) ? "allowed" : 403;
}

describe.each(targets)("access on the $name database", (target) => {
  let t: TestDatabase;
  let s: CaseServices;
  let app: FastifyInstance;
  let caseA: string;
  let caseB: string;
  const userIds = new Map<string, User>();

  beforeAll(async () => {
    t = await target.create();
    s = await servicesOn(t);
    await s.panel.importPanel(testPanel(), { actor: "test" });
    caseA = (await s.intake.create(uniqueApplication(), { actor: "test", on: "2015-02-20" })).imrCase.id;
    caseB = (await s.intake.create(uniqueApplication({ employer: { name: CONFLICTED_EMPLOYER } }), { actor: "test", on: "2015-02-20" })).imrCase.id;
    expect((await s.assignment.assign(caseA, { actor: "test" })).assigned[0]!.reviewerId).toBe(PLANTED.id);
    expect((await s.assignment.assign(caseB, { actor: "test" })).assigned[0]!.reviewerId).toBe(OTHER.id);
    for (const p of PERSONAS) {
      if (!p.user) continue;
      const link = p.user.role === "party" ? { caseId: p.partyOfA ? caseA : caseB } : {};
      userIds.set(p.name, await s.accounts.addUser({ ...p.user, ...link, password: PASSWORD }, { actor: "test" }));
    }
    app = await buildApp(s, { organisationName: "Matrix IMRO" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  /** A fresh session per request, so a route such as /auth/logout cannot end another request's session. */
  async function headersOf(p: Persona): Promise<Record<string, string>> {
    if (!p.user) return {};
    const { token } = await s.accounts.login(p.user.username, PASSWORD, "10.0.0.1");
    return { authorization: `Bearer ${token}` };
  }

  /** Requests a route as a persona. POST bodies carry an unknown field, so an admitted caller gets a 400, not a change. */
  async function call(route: RouteAccess, p: Persona, caseId = caseA) {
    const url = route.url.replace(":id", caseId);
    const body = route.method === "GET" || route.method === "HEAD" ? {} : { payload: { matrixProbe: true } };
    return app.inject({ method: route.method as "GET", url, headers: await headersOf(p), ...body });
  }

  const routes = () => app.routeAccess.filter((r) => r.method !== "HEAD");

  it("declares who may call every route", () => {
    expect(routes().length).toBeGreaterThan(15);
    expect(routes().filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it("answers every route × every role as its declaration says (401 anonymous, 403 forbidden)", async () => {
    const mismatches: string[] = [];
    for (const route of routes()) {
      for (const p of PERSONAS) {
        const want = expected(route.access, p, route);
        const res = await call(route, p);
        const got = res.statusCode;
        const ok = want === "allowed" ? got !== 401 && got !== 403 && got < 500 : got === want;
        if (!ok) mismatches.push(`${route.method} ${route.url} as ${p.name}: expected ${want}, got ${got} ${res.body.slice(0, 160)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("lets a reviewer and a party read only their own case", async () => {
    const reviewer = PERSONAS.find((p) => p.name === "assigned reviewer")!;
    const worker = PERSONAS.find((p) => p.name === "worker of the case")!;
    const get = async (p: Persona, id: string) => (await app.inject({ method: "GET", url: `/cases/${id}`, headers: await headersOf(p) })).statusCode;
    expect([await get(reviewer, caseA), await get(reviewer, caseB)]).toEqual([200, 403]);
    expect([await get(worker, caseA), await get(worker, caseB)]).toEqual([200, 403]);
  });

  it("never names a reviewer (name, licence number or id) to anyone but staff, on any route", async () => {
    const planted = [PLANTED.name, PLANTED.licence, PLANTED.id, OTHER.name, OTHER.licence, OTHER.id];
    const leaks: string[] = [];
    for (const route of routes()) {
      for (const p of PERSONAS.filter((x) => x.user?.role !== "staff")) {
        for (const id of [caseA, caseB]) {
          const res = await call(route, p, id);
          // GET routes run for real; for POST routes also try the body a valid caller would send.
          const bodies = [res.body];
          if (route.method === "POST" && res.statusCode === 400) {
            const again = await app.inject({ method: "POST", url: route.url.replace(":id", id), headers: await headersOf(p), payload: {} });
            bodies.push(again.body);
          }
          for (const body of bodies) for (const secret of planted) if (body.includes(secret)) leaks.push(`${route.method} ${route.url} (${id}) as ${p.name} contains ${secret}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("shows staff who the reviewer is, and a party only the qualifications paragraph", async () => {
    const admin = PERSONAS.find((p) => p.name === "admin")!;
    const staffView = await app.inject({ method: "GET", url: `/cases/${caseA}/assignment`, headers: await headersOf(admin) });
    expect(staffView.statusCode).toBe(200);
    expect(staffView.body).toContain(PLANTED.name);
    const worker = PERSONAS.find((p) => p.name === "worker of the case")!;
    const partyView = await app.inject({ method: "GET", url: `/cases/${caseA}`, headers: await headersOf(worker) });
    expect(partyView.json().reviewer.qualifications[0]).toMatch(/board certified in Pain Medicine and licensed to practice in California, has been in active clinical practice for more than five years/);
    expect(partyView.json()).not.toHaveProperty("events");
  });

  it("tells /me who is signed in without a reviewer id", async () => {
    const reviewer = PERSONAS.find((p) => p.name === "assigned reviewer")!;
    const me = await app.inject({ method: "GET", url: "/me", headers: await headersOf(reviewer) });
    expect(me.json()).toEqual({ username: "m-rev", role: "reviewer" });
    const cases = await app.inject({ method: "GET", url: "/me/cases", headers: await headersOf(reviewer) });
    expect(cases.json().map((c: { id: string }) => c.id)).toEqual([caseA]);
  });

  it("signs in over HTTP, refuses a wrong password without saying why, and rate-limits repeated failures", async () => {
    const ok = await app.inject({ method: "POST", url: "/auth/login", payload: { username: "m-intake", password: PASSWORD } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ token: expect.any(String), user: { username: "m-intake", role: "staff" } });
    const wrong = await app.inject({ method: "POST", url: "/auth/login", payload: { username: "m-md", password: "nope" } });
    const unknown = await app.inject({ method: "POST", url: "/auth/login", payload: { username: "nobody-here", password: "nope" } });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    for (let i = 0; i < 4; i += 1) await app.inject({ method: "POST", url: "/auth/login", payload: { username: "m-md", password: "nope" } });
    const limited = await app.inject({ method: "POST", url: "/auth/login", payload: { username: "m-md", password: PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("AUTH_RATE_LIMITED");
    const logout = await app.inject({ method: "POST", url: "/auth/logout", headers: { authorization: `Bearer ${ok.json().token}` } });
    expect(logout.statusCode).toBe(204);
    expect((await app.inject({ method: "GET", url: "/me", headers: { authorization: `Bearer ${ok.json().token}` } })).statusCode).toBe(401);
  });

  it("answers an unknown path 404 whoever asks", async () => {
    expect((await app.inject({ method: "GET", url: "/no-such-thing" })).statusCode).toBe(404);
  });
});

describe("the access hook", () => {
  it("closes a route that declares no access, even to staff", async () => {
    const staff: User = { id: "u1", username: "s", role: "staff", staffRole: "admin", disabled: false };
    const app = Fastify();
    installErrorHandling(app);
    const routes = installAccessControl(app, { authenticate: async (token) => (token === "good" ? staff : undefined), isAssigned: async () => false });
    app.get("/undeclared", async () => ({ secret: true }));
    app.get("/open", { config: { access: "public" } }, async () => ({ open: true }));
    await app.ready();
    expect(routes.find((r) => r.url === "/undeclared" && r.method === "GET")?.access).toBeUndefined();
    expect((await app.inject({ method: "GET", url: "/undeclared" })).statusCode).toBe(401);
    const forbidden = await app.inject({ method: "GET", url: "/undeclared", headers: { authorization: "Bearer good" } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe("FORBIDDEN");
    expect((await app.inject({ method: "GET", url: "/open" })).statusCode).toBe(200);
    await app.close();
  });
});
