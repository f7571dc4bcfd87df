/** A calendar date without time or zone, written "YYYY-MM-DD". */
export type PlainDate = string & { readonly __brand?: "PlainDate" };

/** A problem found in input or by a rule: a code that never changes meaning, a plain message, and where it applies. */
export type Issue = { code: string; message: string; path?: string; citation?: string };

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/**
 * Where a fact was read: the document (file name or title), the 1-based page, and character offsets
 * into that page's text, with the text itself.
 */
export type EvidenceSpan = {
  document?: string;
  page?: number;
  text: string;
  start: number;
  end: number;
};

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(issues: Issue[]): Result<T> {
  return { ok: false, issues };
}
