import { readSpreadsheet } from './spreadsheet-reader';
import { honestEntry, writeZip } from '../../test/support/zip-files';

/** A minimal workbook written by hand (exceljs's own writer is not trusted with multi-byte text at its chunk boundaries). */
function workbook(strings: string[], rows: number[][]): Buffer {
  const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`, 'utf8');
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const column = (index: number) => String.fromCharCode(65 + index);
  return writeZip([
    honestEntry('[Content_Types].xml', xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')),
    honestEntry('_rels/.rels', xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')),
    honestEntry('xl/workbook.xml', xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台帳" sheetId="1" r:id="rId1"/></sheets></workbook>')),
    honestEntry('xl/_rels/workbook.xml.rels', xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')),
    honestEntry('xl/sharedStrings.xml', xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((text) => `<si><t>${escape(text)}</t></si>`).join('')}</sst>`)),
    honestEntry('xl/worksheets/sheet1.xml', xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map((cells, row) => `<row r="${row + 1}">${cells.map((index, at) => `<c r="${column(at)}${row + 1}" t="s"><v>${index}</v></c>`).join('')}</row>`).join('')}</sheetData></worksheet>`)),
  ]);
}

describe('reading an .xlsx through the re-packed archive', () => {
  it('keeps every multi-byte character intact, wherever the streaming reader cuts its chunks', async () => {
    const names = Array.from({ length: 3_000 }, (_, index) => `株式会社テスト委託先${String(index).padStart(5, '0')}𠮷野家`);
    const strings = ['Vendor name', 'Services', '保守・運用「髙」', ...names];
    const file = workbook(strings, [[0, 1], ...names.map((_, index) => [3 + index, 2])]);
    const sheet = await readSpreadsheet({ buffer: file, originalname: 'register.xlsx' });
    expect(sheet.header).toEqual(['Vendor name', 'Services']);
    expect(sheet.rows.map((row) => row.cells[0])).toEqual(names);
    expect(sheet.rows.every((row) => row.cells[1] === '保守・運用「髙」')).toBe(true);
  });
});
