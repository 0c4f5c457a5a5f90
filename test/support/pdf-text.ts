import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** A PDF's text as pdf-parse extracts it, and its page count (run in a child process: see pdf-text.mjs). */
export function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-text failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as { text: string; pages: number });
    });
    child.stdin!.end(pdf);
  });
}

