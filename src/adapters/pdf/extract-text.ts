import { extractText, getDocumentProxy } from "unpdf";
import { AppError } from "../../services/errors.ts";

/** The PDF specification lets the %PDF- header sit anywhere in the first 1024 bytes. */
const HEADER_WINDOW = 1024;

/** Whether the bytes carry a PDF header (%PDF-) where readers look for it. */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, Math.min(bytes.length, HEADER_WINDOW));
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

/**
 * Text of each page of a PDF, in order (page 1 first), read with unpdf (pdf.js).
 * Throws RECORD_EMPTY, RECORD_NOT_PDF, RECORD_ENCRYPTED or RECORD_CORRUPT naming the file.
 * A page without a text layer comes back as an empty string; the records service decides what that means.
 */
export async function extractPdfPages(bytes: Uint8Array, name: string): Promise<string[]> {
  if (bytes.length === 0) throw new AppError("RECORD_EMPTY", `${name} is empty (0 bytes).`);
  if (!hasPdfHeader(bytes)) throw new AppError("RECORD_NOT_PDF", `${name} is not a PDF: it does not start with the %PDF- header.`);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy. verbosity 0 keeps its warnings off stdout.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    throw pdfError(error, name);
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.map((page) => page.replace(/\r\n?/g, "\n"));
  } catch (error) {
    throw pdfError(error, name);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function pdfError(error: unknown, name: string): AppError {
  const e = error as { name?: string; message?: string };
  if (e?.name === "PasswordException") return new AppError("RECORD_ENCRYPTED", `${name} is password-protected; send a copy without a password.`);
  return new AppError("RECORD_CORRUPT", `${name} is a damaged PDF and its pages cannot be read (${e?.message ?? String(error)}).`);
}
