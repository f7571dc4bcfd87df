import PDFDocument from "pdfkit";
import { formatUsDate } from "../../domain/shared/dates.ts";
import type { FinalDeterminationLetter } from "../../domain/letter/model.ts";
import { letterSections } from "../../domain/letter/sections.ts";

/**
 * Renders a letter as a real PDF (text layer, letterhead, page numbers) with pdfkit, so a fresh machine needs
 * nothing else installed.
 */
export function renderLetterPdf(letter: FinalDeterminationLetter, options: { published?: boolean } = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "LETTER", margins: { top: 72, bottom: 72, left: 72, right: 72 }, bufferPages: true, info: { Title: `IMR Final Determination Letter ${letter.caseNumber}`, Author: letter.organisation.name } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("error", reject);
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));

    doc.font("Helvetica-Bold").fontSize(14).text(letter.organisation.name);
    doc.font("Helvetica").fontSize(9);
    for (const line of letter.organisation.addressLines) doc.text(line);
    if (letter.organisation.phone) doc.text(letter.organisation.phone);
    doc.moveDown(0.5).moveTo(72, doc.y).lineTo(doc.page.width - 72, doc.y).stroke().moveDown(1);
    doc.font("Helvetica-Bold").fontSize(13).text("Independent Medical Review Final Determination Letter");
    doc.font("Helvetica").fontSize(10).text(`Dated: ${formatUsDate(letter.letterDate)}`).moveDown(1);

    for (const section of letterSections(letter, options)) {
      doc.font("Helvetica-Bold").fontSize(11).text(section.heading).moveDown(0.4);
      doc.font("Helvetica").fontSize(10.5);
      for (const paragraph of section.paragraphs) doc.text(paragraph, { align: "left", paragraphGap: 6 });
      doc.moveDown(0.6);
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("Helvetica").fontSize(8).text(`${letter.organisation.name} · IMR ${letter.caseNumber} · Page ${i + 1} of ${range.count}`, 72, doc.page.height - 48, { align: "center", width: doc.page.width - 144 });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
