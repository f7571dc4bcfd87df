import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../services/errors.ts";
import type { StaffRole, User } from "../../services/ports.ts";

/**
 * Who may call a route. Each route states it in its options, `config: { access: ... }`, and ONE onRequest hook
 * (installAccessControl) enforces it; a route that states nothing is closed to everyone (secure by default).
 *
 * - "public": anyone, signed in or not.
 * - "authenticated": any signed-in user.
 * - "staff": any IMR organisation staff; "staff:intake" | "staff:medical-director" | "staff:admin": that staff role only.
 * - "reviewer": any reviewer; "reviewer:assigned": a reviewer currently designated to the case named by the `:id` param.
 * - "party:own-case": a party (worker, representative, claims administrator, treating physician) of the `:id` case.
 */
export type Grant = "authenticated" | "staff" | `staff:${StaffRole}` | "reviewer" | "reviewer:assigned" | "party:own-case";
export type Access = "public" | readonly Grant[];

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in user, set by the access hook; undefined for anonymous callers of public routes. */
    user?: User;
  }
}

/** One route as the access hook sees it (collected with onRoute; the authorisation matrix test reads this list). */
export type RouteAccess = { method: string; url: string; access: Access | undefined };

export type AccessDeps = {
  authenticate(token: string): Promise<User | undefined>;
  isAssigned(reviewerId: string, caseId: string): Promise<boolean>;
};

/** The bearer token of a request, if it sent one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The case a route acts on: its `:id` parameter (every per-case route is under /cases/:id). */
function caseIdOf(request: FastifyRequest): string | undefined {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : undefined;
}

/** Whether one grant admits the user on this request. */
export async function grantAdmits(grant: Grant, user: User, caseId: string | undefined, deps: Pick<AccessDeps, "isAssigned">): Promise<boolean> {
  switch (grant) {
    case "authenticated":
      return true;
    case "staff":
      return user.role === "staff";
    case "reviewer":
      return user.role === "reviewer";
    case "reviewer:assigned":
      return user.role === "reviewer" && Boolean(user.reviewerId && caseId) && (await deps.isAssigned(user.reviewerId!, caseId!));
    case "party:own-case":
      return user.role === "party" && caseId !== undefined && user.caseId === caseId;
    default:
      return user.role === "staff" && `staff:${user.staffRole}` === grant;
  }
}

/**
 * Installs the one access check, and records every route's declaration in `routes` (register this before the
 * route plugins, so onRoute sees them all).
 */
export function installAccessControl(app: FastifyInstance, deps: AccessDeps, routes: RouteAccess[] = []): RouteAccess[] {
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, access: route.config?.access });
  });
  app.addHook("onRequest", async (request) => {
    if (request.is404) return; // the not-found handler answers ROUTE_NOT_FOUND
    const access = request.routeOptions.config.access;
    const token = bearerToken(request);
    const user = token ? await deps.authenticate(token) : undefined;
    if (user) request.user = user;
    if (access === "public") return;
    if (!user) throw new AppError("AUTH_REQUIRED", token ? "The session has expired or was ended; sign in again." : "Sign in first: POST /auth/login, then send Authorization: Bearer <token>.");
    if (!access || access.length === 0) throw new AppError("FORBIDDEN", `${request.method} ${request.routeOptions.url} declares no access rule, so it is closed.`);
    const caseId = caseIdOf(request);
    for (const grant of access) if (await grantAdmits(grant, user, caseId, deps)) return;
    throw new AppError("FORBIDDEN", `A ${user.role} may not use ${request.method} ${request.routeOptions.url}${caseId && access.some((g) => g.includes(":")) ? " on this case" : ""}.`);
  });
  return routes;
}

/** Whether the caller is staff (responses to anyone else never name a reviewer). */
export function isStaff(request: FastifyRequest): boolean {
  return request.user?.role === "staff";
}

/** Who acts, for the audit log: the signed-in user. */
export function actorOf(request: FastifyRequest): string {
  return request.user ? `user:${request.user.username}` : "api:anonymous";
}
