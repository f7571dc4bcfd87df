import { extractText, getDocumentProxy } from "unpdf";
import { AppError } from "../../services/errors.ts";

/** Text of each page of a PDF, in order (page 1 first), read with unpdf (pdf.js). */
export async function extractPdfPages(bytes: Uint8Array, name: string): Promise<string[]> {
  if (bytes.length === 0) throw new AppError("INPUT_UNREADABLE", `${name} is empty.`);
  if (String.fromCharCode(...bytes.subarray(0, 5)) !== "%PDF-") throw new AppError("INPUT_UNREADABLE", `${name} is not a PDF (it does not start with %PDF-).`);
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: false });
    return text;
  } catch (error) {
    throw new AppError("INPUT_UNREADABLE", `${name} could not be read as a PDF: ${(error as Error).message}`);
  }
}
