/** The one catalogue of errors the services raise; API, CLI and UI show the same code and message. */
export const ERRORS = {
  INPUT_INVALID: { status: 400, meaning: "The input does not have the expected shape; the issues name each problem." },
  INPUT_UNREADABLE: { status: 400, meaning: "The input file could not be read or is not valid JSON." },
  KNOWLEDGE_INVALID: { status: 500, meaning: "A knowledge-base file fails its schema or a cross-file check." },
  LETTER_UNPARSEABLE: { status: 422, meaning: "The text does not look like an IMR Final Determination Letter." },
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
