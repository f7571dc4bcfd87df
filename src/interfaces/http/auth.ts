import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type Accounts, ownAccount } from "../../services/accounts.ts";
import type { Assignment } from "../../services/assignment.ts";
import type { Cases } from "../../services/cases.ts";
import { LoginBody, NewUserBody } from "../auth-contract.ts";
import { actorOf, bearerToken } from "./access.ts";

/** Sign-in, sign-out, the caller's own account and cases, user administration, and the health check. */
export function authRoutes(services: { accounts: Accounts; cases: Cases; assignment: Assignment }): FastifyPluginAsync {
  return async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ["auth"];

    app.get("/health", { config: { access: "public" }, schema: { summary: "The server answers", tags: ["health"] } }, async () => ({ status: "ok" }));

    app.post("/auth/login", { config: { access: "public" }, schema: { summary: "Sign in: a bearer token that expires", tags, body: LoginBody } }, async (request) =>
      services.accounts.login(request.body.username, request.body.password, request.ip),
    );

    app.post("/auth/logout", { config: { access: ["authenticated"] }, schema: { summary: "End this session", tags } }, async (request, reply) => {
      const token = bearerToken(request);
      if (token) await services.accounts.logout(token);
      reply.status(204);
    });

    app.get("/me", { config: { access: ["authenticated"] }, schema: { summary: "The signed-in account (never a reviewer id)", tags } }, async (request) => ownAccount(request.user!));

    app.get("/me/cases", { config: { access: ["authenticated"] }, schema: { summary: "The cases this account works on or belongs to", tags } }, async (request) => {
      const user = request.user!;
      if (user.role === "party") return user.caseId ? [{ id: user.caseId }] : [];
      const all = await services.cases.list();
      const mine = user.role === "staff" ? all : (await Promise.all(all.map(async (c) => ((await services.assignment.isAssigned(user.reviewerId!, c.id)) ? [c] : [])))).flat();
      return mine.map((c) => ({ id: c.id, status: c.status, track: c.track, receivedDate: c.application.receivedDate }));
    });

    app.post("/users", { config: { access: ["staff:admin"] }, schema: { summary: "Add a user (admin only)", tags, body: NewUserBody } }, async (request, reply) => {
      const user = await services.accounts.addUser(request.body, { actor: actorOf(request) });
      reply.status(201);
      return user;
    });

    app.get("/users", { config: { access: ["staff:admin"] }, schema: { summary: "List users (admin only)", tags } }, async () => services.accounts.list());
  };
}
