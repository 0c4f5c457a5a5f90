import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { Dossier, DossierTable } from './dossier';

/**
 * The dossier as an A4 PDF (pdfkit), with BIZ UDPGothic — a Japanese font shipped by an npm package
 * (@expo-google-fonts/biz-udpgothic, SIL OFL 1.1) — embedded as a subset of the glyphs used, so the
 * file is small, prints the same everywhere and its text can be searched and extracted. Every
 * section starts on a new page; each page has the running header (vendor, date) and "n / total".
 */
export async function renderDossierPdf(dossier: Dossier, pageLabel: (page: number, pages: number) => string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: MARGINS, bufferPages: true, lang: 'ja-JP', info: { Title: `${dossier.title} — ${dossier.vendorName}`, Author: 'Vendor Oversight' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(REGULAR, fonts().regular);
  doc.registerFont(BOLD, fonts().bold);
  doc.font(BOLD).fontSize(18).text(dossier.title);
  doc.font(REGULAR).fontSize(11).text(dossier.header).moveDown(0.5);
  dossier.sections.forEach((section, index) => {
    if (index > 0) doc.addPage();
    doc.font(BOLD).fontSize(14).text(section.title).moveDown(0.3);
    doc.font(REGULAR).fontSize(9.5);
    for (const fact of section.facts) {
      const valueWidth = contentWidth(doc) - LABEL_WIDTH - 8;
      const height = Math.max(doc.font(BOLD).heightOfString(fact.label, { width: LABEL_WIDTH }), doc.font(REGULAR).heightOfString(fact.value, { width: valueWidth }));
      ensureRoom(doc, height + 4);
      const top = doc.y;
      doc.font(BOLD).text(fact.label, MARGINS.left, top, { width: LABEL_WIDTH });
      doc.font(REGULAR).text(fact.value, MARGINS.left + LABEL_WIDTH + 8, top, { width: valueWidth });
      doc.x = MARGINS.left;
      doc.y = top + height + 4;
    }
    for (const paragraph of section.paragraphs) doc.font(REGULAR).fontSize(10).text(paragraph, MARGINS.left, doc.y, { width: contentWidth(doc) }).moveDown(0.5);
    for (const entry of section.entries) {
      ensureRoom(doc, 48);
      doc.font(BOLD).fontSize(10).text(entry.heading, MARGINS.left, doc.y, { width: contentWidth(doc) });
      doc.font(REGULAR).fontSize(9.5).text(entry.text, { width: contentWidth(doc) });
      if (entry.detail) doc.fillColor('#4a5561').fontSize(8.5).text(entry.detail, { width: contentWidth(doc) }).fillColor('black');
      doc.moveDown(0.6);
    }
    if (section.noEntries && section.entries.length === 0) doc.font(REGULAR).fontSize(10).text(section.noEntries, MARGINS.left, doc.y, { width: contentWidth(doc) }).moveDown(0.5);
    for (const table of section.tables) drawTable(doc, table);
  });
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    // Writing inside the margins would start a new page: lift them while the header and footer are drawn.
    const { top, bottom } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor('#4a5561');
    doc.text(dossier.header, MARGINS.left, 24, { width: contentWidth(doc), lineBreak: false, ellipsis: true });
    doc.text(pageLabel(index - range.start + 1, range.count), MARGINS.left, doc.page.height - 34, { width: contentWidth(doc), align: 'center', lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const MARGINS = { top: 56, bottom: 56, left: 48, right: 48 };
const LABEL_WIDTH = 140;
const REGULAR = 'BIZUDPGothic';
const BOLD = 'BIZUDPGothic-Bold';
const CELL_PADDING = 3;

let loaded: { regular: Buffer; bold: Buffer } | undefined;
/** The two weights, read once per process (about 4.5 MB each; only the used glyphs are embedded). */
function fonts(): { regular: Buffer; bold: Buffer } {
  loaded ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf')),
  };
  return loaded;
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - MARGINS.left - MARGINS.right;
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();
}

/** A table with wrapped cells; a row never splits across pages and the header repeats on each page. */
function drawTable(doc: PDFKit.PDFDocument, table: DossierTable): void {
  doc.moveDown(0.4);
  ensureRoom(doc, 40);
  doc.font(BOLD).fontSize(11).text(table.caption, MARGINS.left, doc.y, { width: contentWidth(doc) }).moveDown(0.2);
  if (table.rows.length === 0) {
    doc.font(REGULAR).fontSize(9.5).text(table.empty, MARGINS.left, doc.y, { width: contentWidth(doc) }).moveDown(0.4);
    return;
  }
  const widths = columnWidths(doc, table);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? BOLD : REGULAR).fontSize(8.5);
    const height = Math.max(...cells.map((cell, index) => doc.heightOfString(cell || ' ', { width: widths[index] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
    const top = doc.y;
    let x = MARGINS.left;
    if (bold) doc.rect(MARGINS.left, top, contentWidth(doc), height).fill('#eef1f4').fillColor('black');
    cells.forEach((cell, index) => {
      doc.text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: widths[index] - 2 * CELL_PADDING });
      x += widths[index];
    });
    doc.moveTo(MARGINS.left, top + height).lineTo(MARGINS.left + contentWidth(doc), top + height).lineWidth(0.5).strokeColor('#c9d1d9').stroke();
    doc.x = MARGINS.left;
    doc.y = top + height;
  };
  const rowHeight = (cells: string[]) => {
    doc.font(REGULAR).fontSize(8.5);
    return Math.max(...cells.map((cell, index) => doc.heightOfString(cell || ' ', { width: widths[index] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
  };
  drawRow(table.header, true);
  for (const row of table.rows) {
    if (doc.y + rowHeight(row) > doc.page.height - MARGINS.bottom) {
      doc.addPage();
      drawRow(table.header, true);
    }
    drawRow(row, false);
  }
  doc.moveDown(0.6);
}

/** Wider columns for longer text (a message or a basis), never narrower than 50 pt. */
function columnWidths(doc: PDFKit.PDFDocument, table: DossierTable): number[] {
  const weight = table.header.map((title, index) => Math.min(40, Math.max(title.length, ...table.rows.map((row) => (row[index] ?? '').length)) + 4));
  const total = weight.reduce((sum, value) => sum + value, 0);
  const width = contentWidth(doc);
  const raw = weight.map((value) => Math.max(50, (value / total) * width));
  const scale = width / raw.reduce((sum, value) => sum + value, 0);
  return raw.map((value) => value * scale);
}
