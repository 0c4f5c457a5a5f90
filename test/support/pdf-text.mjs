// Extracts a PDF's text with pdf-parse (pdf.js) in a plain Node process: pdf.js loads its worker with
// a dynamic import, which Jest's module sandbox does not allow. Reads the PDF on stdin, writes JSON.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const result = await parser.getText();
await parser.destroy();
process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
