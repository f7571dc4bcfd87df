import { selectEntry } from "../domain/guidelines/select-entry.ts";
import type { KnowledgeBase } from "../domain/guidelines/types.ts";
import { type ParsedLetter, type ParsedLetterItem, parseLetter } from "../domain/library/parse-letter.ts";
import { parseRequest } from "../domain/requests/parse-request.ts";
import type { NormalizedRequest } from "../domain/requests/types.ts";
import { AppError } from "./errors.ts";

export type LetterRecord = Omit<ParsedLetter, "items"> & {
  source: string;
  items: (ParsedLetterItem & { normalized: NormalizedRequest; treatmentFamily: string | null; guidelineEntry: string | null })[];
};

/** Reading published letters: each disputed item is also normalized and placed in its treatment family. */
export function makeLibrary(deps: { knowledge: KnowledgeBase; pdfPages: (bytes: Uint8Array, name: string) => Promise<string[]> }) {
  const library = {
    /**
     * Parses a published letter's text.
     * @param source - the file or title the text came from, named in errors and in the record
     */
    readLetter(text: string, source: string): LetterRecord {
      const parsed = parseLetter(text);
      if (!parsed) {
        throw new AppError("LETTER_UNPARSEABLE", `${source} does not look like an IMR Final Determination Letter: no case summary and no "<item>: Upheld|Overturned" decision was found.`);
      }
      return {
        source,
        ...parsed,
        items: parsed.items.map((item) => {
          const normalized = parseRequest(item.request, deps.knowledge.drugs);
          const entry = selectEntry(deps.knowledge, normalized);
          return { ...item, normalized, treatmentFamily: entry?.treatmentFamily ?? null, guidelineEntry: entry?.id ?? null };
        }),
      };
    },
    /** Parses a letter file: PDF (by its %PDF- header) through the PDF text reader, anything else as UTF-8 text. */
    async readLetterFile(bytes: Uint8Array, source: string): Promise<LetterRecord> {
      const isPdf = bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
      const text = isPdf ? (await deps.pdfPages(bytes, source)).join("\n\n") : new TextDecoder("utf-8").decode(bytes);
      return library.readLetter(text, source);
    },
  };
  return library;
}

export type Library = ReturnType<typeof makeLibrary>;
