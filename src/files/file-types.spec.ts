import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { DEFAULT_ALLOWED_TYPES } from '../config/files-config';
import { classify, judgeType, sniffFile } from './file-types';

const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0e1a40000000049454e44ae426082', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffd9', 'hex');
const HTML = Buffer.from('<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n');
const SHIFT_JIS_CSV = Buffer.from('8e9197bf96bc2c8bc68ed2\r\n', 'hex'); // 資料名,業者 in Shift_JIS
const ZIP = zipOf('readme.txt', 'hello');

describe('file types are decided from the bytes, and the name must agree with them', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'file-types-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function typeOf(bytes: Buffer | Uint8Array, name: string): Promise<string> {
    const path = join(folder, `sample-${Math.random().toString(36).slice(2)}`);
    writeFileSync(path, bytes);
    return classify(await sniffFile(path), name);
  }

  it.each([
    ['a PDF', PDF, '契約書.pdf', 'application/pdf'],
    ['a PNG', PNG, 'scan.png', 'image/png'],
    ['a JPEG', JPEG, 'photo.jpg', 'image/jpeg'],
    ['a zip', ZIP, 'evidence.zip', 'application/zip'],
    ['UTF-8 text', Buffer.from('監査報告書\n指摘事項なし\n'), 'memo.txt', 'text/plain; charset=utf-8'],
    ['UTF-8 CSV with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('名前,件数\r\nA,1\r\n')]), 'list.csv', 'text/csv; charset=utf-8'],
    ['Shift_JIS CSV', SHIFT_JIS_CSV, 'list.csv', 'text/csv; charset=shift_jis'],
    ['UTF-16 text with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('委託先\tA\r\n', 'utf16le')]), 'export.txt', 'text/plain; charset=utf-16le'],
    ['text that starts with a bracket', Buffer.from('<重要> 保管期限 10年\n'), 'note.txt', 'text/plain; charset=utf-8'],
    ['an HTML page', HTML, 'page.html', 'text/html'],
    ['an HTML page renamed .pdf', HTML, '契約書.pdf', 'text/html'],
    ['an SVG image (it can carry script)', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), 'logo.svg', 'image/svg+xml'],
    ['binary without a known signature', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x10]), 'blob.bin', 'application/octet-stream'],
  ])('%s', async (_label, bytes, name, expected) => {
    expect(await typeOf(bytes, name)).toBe(expected);
  });

  it('recognises an .xlsx workbook (Office Open XML) by its contents', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台帳').addRow(['委託先', 'A']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await typeOf(bytes, 'register.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it.each([
    ['application/pdf', '契約書.pdf', { ok: true }],
    ['text/csv; charset=utf-8', 'list.csv', { ok: true }],
    ['text/plain; charset=utf-8', 'README', { ok: true }],
    ['application/pdf', 'contract.PDF', { ok: true }],
    ['text/html', '契約書.pdf', { ok: false, code: 'file-type-mismatch', extension: 'pdf' }],
    ['application/zip', 'report.pdf', { ok: false, code: 'file-type-mismatch', extension: 'pdf' }],
    ['application/pdf', 'photo.png', { ok: false, code: 'file-type-mismatch', extension: 'png' }],
    ['text/html', 'page.html', { ok: false, code: 'file-type-not-allowed', extension: 'html' }],
    ['text/html', 'notes.txt', { ok: false, code: 'file-type-mismatch', extension: 'txt' }],
    ['image/svg+xml', 'logo.svg', { ok: false, code: 'file-type-not-allowed', extension: 'svg' }],
    ['application/octet-stream', 'blob.bin', { ok: false, code: 'file-type-not-allowed', extension: 'bin' }],
    ['application/x-msdownload', 'setup', { ok: false, code: 'file-type-not-allowed', extension: '' }],
  ])('%s named %s → %j', (contentType, name, verdict) => {
    expect(judgeType(contentType, name, DEFAULT_ALLOWED_TYPES)).toEqual(verdict);
  });

  it('takes the configured list of allowed types', () => {
    expect(judgeType('image/png', 'scan.png', ['application/pdf'])).toEqual({ ok: false, code: 'file-type-not-allowed', extension: 'png' });
    expect(judgeType('application/pdf', 'a.pdf', ['application/pdf'])).toEqual({ ok: true });
  });
});

/** A one-entry zip archive (local header, data, central directory), enough for a signature check. */
function zipOf(name: string, content: string): Buffer {
  const data = deflateRawSync(Buffer.from(content));
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
