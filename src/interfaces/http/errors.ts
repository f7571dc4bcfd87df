import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, ERRORS, type ErrorCode } from "../../services/errors.ts";

type Issue = { code: string; message: string; path: string };

/** The one shape every API error has: { "error": { "code", "message", "issues" } }. */
export function errorBody(code: ErrorCode, message: string, issues: Issue[] = []) {
  return { error: { code, message, issues } };
}

/** A validation issue from the zod type provider, naming the field (an unknown key is named itself). */
function validationIssues(error: FastifyError): Issue[] {
  const where = error.validationContext && error.validationContext !== "body" ? `${error.validationContext}.` : "";
  return (error.validation ?? []).flatMap((v) => {
    const base = v.instancePath.replace(/^\//, "").split("/").filter(Boolean).join(".");
    const join = (key?: string) => `${where}${[base, key].filter(Boolean).join(".")}` || "(body)";
    const keys = (v.params as { keys?: string[] } | undefined)?.keys;
    if (v.keyword === "unrecognized_keys" && keys) return keys.map((key) => ({ code: "INPUT_INVALID", message: `unknown field "${key}"`, path: join(key) }));
    return [{ code: "INPUT_INVALID", message: v.message ?? "invalid", path: join() }];
  });
}

/** Maps every error to the catalogue: AppError as it is, bad input to 400 naming the field, anything else to a logged 500. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(
        errorBody(
          error.code,
          error.message,
          error.issues.map((i) => ({ code: i.code, message: i.message, path: i.path ?? "(body)" })),
        ),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = validationIssues(error);
      return reply.status(400).send(errorBody("INPUT_INVALID", issues.map((i) => `${i.path}: ${i.message}`).join("; "), issues));
    }
    if (typeof error.code === "string" && error.code.startsWith("FST_ERR_CTP_")) {
      // Malformed JSON, an empty JSON body, an unsupported content type, or a body over the size limit.
      const status = error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? 413 : 400;
      return reply
        .status(status)
        .send(
          errorBody("INPUT_UNREADABLE", `The request body could not be read: ${error.message}`, [
            { code: "INPUT_UNREADABLE", message: error.message, path: "(body)" },
          ]),
        );
    }
    const caseId = (request.params as { id?: string } | undefined)?.id;
    request.log.error({ err: { message: error.message, stack: error.stack }, caseId, route: request.routeOptions.url }, "unexpected error");
    return reply.status(500).send({ error: { code: "INTERNAL", message: "An unexpected error occurred; it has been logged.", issues: [] } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(ERRORS.ROUTE_NOT_FOUND.status)
      .send(errorBody("ROUTE_NOT_FOUND", `No operation ${request.method} ${request.url.split("?")[0]}; see /openapi.json.`));
  });
}
