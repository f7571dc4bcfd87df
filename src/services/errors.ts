/** The one catalogue of errors the services raise; API, CLI and UI show the same code and message. */
export const ERRORS = {
  INPUT_INVALID: { status: 400, meaning: "The input does not have the expected shape; the issues name each problem." },
  INPUT_UNREADABLE: { status: 400, meaning: "The input file could not be read or is not valid JSON." },
  CONFIG_INVALID: { status: 500, meaning: "An environment variable read by config.ts has an invalid value; the message names it." },
  KNOWLEDGE_INVALID: { status: 500, meaning: "A knowledge-base file fails its schema or a cross-file check." },
  LETTER_UNPARSEABLE: { status: 422, meaning: "The text does not look like an IMR Final Determination Letter." },
  CASE_NOT_FOUND: { status: 404, meaning: "No case has this id." },
  CASE_STATE_CONFLICT: { status: 409, meaning: "The case is not in a state that allows this action, or it changed since it was read." },
  APPLICATION_DUPLICATE: { status: 409, meaning: "The same application (employee, date of injury, UR decision, items) is already an open case." },
  DATA_DIR_LOCKED: { status: 423, meaning: "Another process has the embedded data directory open." },
  DATABASE_UNAVAILABLE: { status: 503, meaning: "The database could not be opened or reached." },
  ROUTE_NOT_FOUND: { status: 404, meaning: "The API has no operation at this method and path; /openapi.json lists them." },
  RECORD_NOT_FOUND: { status: 400, meaning: "A medical record file named in the case could not be opened." },
  RECORD_EMPTY: { status: 422, meaning: "A medical record file is empty (0 bytes or no text)." },
  RECORD_TOO_LARGE: { status: 413, meaning: "A medical record file is larger than the configured limit (OPENIMR_MAX_RECORD_MB)." },
  RECORD_NOT_PDF: { status: 422, meaning: "A record named .pdf does not start with the %PDF- header, so it is not a PDF." },
  RECORD_ENCRYPTED: { status: 422, meaning: "A PDF record is password-protected; send an unprotected copy." },
  RECORD_CORRUPT: { status: 422, meaning: "A PDF record is damaged and its pages cannot be read." },
  RECORD_NO_TEXT_LAYER: { status: 422, meaning: "A PDF record has no text layer (a scan or image); it needs OCR, which is not configured." },
  REVIEWER_IMPORT_INVALID: { status: 400, meaning: "A row of a reviewer panel file is invalid; the issues name each row and field. Nothing was stored." },
  REVIEWER_NOT_FOUND: { status: 404, meaning: "No reviewer on the panel has this id." },
  NO_REVIEWER_AVAILABLE: { status: 409, meaning: "No qualified, conflict-free reviewer whose specialty fits the disputed items has capacity; the issues give each reviewer's reason." },
  REVIEWER_APPROVAL_REQUIRED: { status: 409, meaning: "The items need more than one reviewer, which needs the Administrative Director's written approval (8 CCR §9792.10.6(c))." },
  REVIEWER_AT_CAPACITY: { status: 409, meaning: "The chosen reviewer reached capacity while the case was being assigned; assign again." },
  USER_EXISTS: { status: 409, meaning: "A user with this username already exists." },
  AUTH_REQUIRED: { status: 401, meaning: "This operation needs a valid session: sign in at POST /auth/login and send Authorization: Bearer <token>." },
  AUTH_FAILED: { status: 401, meaning: "The username or password is wrong (which one is not said)." },
  AUTH_RATE_LIMITED: { status: 429, meaning: "Too many failed sign-ins for this account or address; wait and try again." },
  FORBIDDEN: { status: 403, meaning: "Your role may not use this operation, or not on this case." },
  REVIEW_CHANGED: { status: 409, meaning: "The reviewer's working copy changed since it was read; read it again and retry." },
  ITEMS_NOT_SIGNED: { status: 409, meaning: "The letter cannot issue: the expert reviewer has not signed every disputed item." },
  QA_CHECKS_FAILED: { status: 409, meaning: "The letter cannot issue: QA checks fail and no medical director's override covers them; the issues name each check." },
  REVIEWER_NOT_ASSIGNED: { status: 409, meaning: "No expert reviewer is designated to the case, so the letter has no qualifications statement." },
  LETTER_NOT_ISSUED: { status: 409, meaning: "The case's Final Determination Letter has not been issued yet (use the working copy, or issue it first)." },
  PUBLICATION_IDENTIFIER_FOUND: { status: 422, meaning: "The redacted copy still holds an identifier from the case record; the issues name its kind and section, never its value. Nothing was published." },
  PUBLICATION_NOT_FOUND: { status: 404, meaning: "No published letter has this publication number." },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export type ErrorIssue = { code: string; message: string; path?: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];
  constructor(code: ErrorCode, message: string, issues: ErrorIssue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}
