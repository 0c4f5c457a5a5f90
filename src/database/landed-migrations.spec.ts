import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Migrations that have landed are never edited: a database that ran one will not run it again, so
 * an edit would make the schemas of old and new installations differ. A change is a new migration.
 * Each landed file's SHA-256 is recorded here when it lands (a new migration is added to the list
 * once it is merged); the test fails when a recorded file changes or goes.
 */
const LANDED: Record<string, string> = {
  '1795860000000-Foundation.ts': '1aef0be8571e8c601611ed819ef7e393059995b3249c7925e2aa4539b25abff4',
  '1795870000000-ContractsAndFlags.ts': '785900c08324742778d41891c933aac831c052189c1556d85caa0fae7a101fa6',
  '1795871000000-SupervisionRecords.ts': '71d45f50ebf47f1b6d9b197f291f75da42e2ede4f8319cf760eb3cf96ea44cda',
  '1795872000000-CalendarFeeds.ts': '124ec4b66a80cddcd4674b8d575c19c972d602ed68b7286c6b71634ff4f0f691',
  '1795873000000-ReminderLedger.ts': 'fa21d30e604821d22716a3f43380bf09bd53fe619a8e34c657ba1061d4542001',
  '1795874000000-SignInFailures.ts': 'da9fd7ff51eb8a52a81b0119b948125ad687f45cf37acfe0fabbbde983c7aae0',
  '1795875000000-AuditLog.ts': '655094a989e59f46d98aee46a0e7c26bcdd6e59fb811629723a49aa4ab945ede',
};

const FOLDER = join(__dirname, '..', '..', 'migrations');

describe('landed migrations', () => {
  it.each(Object.entries(LANDED))('%s is unchanged', (file, sha256) => {
    expect(createHash('sha256').update(readFileSync(join(FOLDER, file))).digest('hex')).toBe(sha256);
  });

  it('are all still there, and every newer migration is dated after them', () => {
    const files = readdirSync(FOLDER).filter((name) => /^\d{13}-\w+\.ts$/.test(name));
    expect(Object.keys(LANDED).filter((file) => !files.includes(file))).toEqual([]);
    const newest = Math.max(...Object.keys(LANDED).map((file) => Number(file.slice(0, 13))));
    expect(files.filter((file) => !(file in LANDED) && Number(file.slice(0, 13)) <= newest)).toEqual([]);
  });
});
