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
  '1795878000000-Documents.ts': '3c4b37a685cc3acac39a9a13cc2125bfdac14cb1d9076f1d0c408d4f35fe73d2',
  '1795880000000-SignInThrottles.ts': 'bc750e28e2a1b0d8177d6dfdc6eddcf7a00afcf7c37def593f0b5fc3ac53b3c8',
  '1795880100000-NormalisedEmails.ts': '66a55364370ed446dac4113b57f52e87bb875bcd5424d8d22631eb40e88846b2',
  '1795880200000-SingleSignOn.ts': 'fac0293d78b45c7793192cb27623f1d1f9530184b278e2a02c2a7bd467cccf32',
  '1795880300000-VendorReadings.ts': 'bfa6538fc0f11719471c5f53e4efb1ca9ab6bfc96fc8dbceee4efe89dfad03a2',
  '1795881500000-Incidents.ts': 'ba02ae84a94c190ab206956e0e5e7a65aafabd94225be97403e24a2df646c49d',
  '1795881510000-ContractIncidentNotice.ts': '91e99b7a9429a3ae2192e71c681f29388931d68e1282e3dc4132e172351c611e',
  '1795881900000-Questionnaires.ts': '1431e7d6a65ff50a7e8b74ed1af80255114c7d000bc9661660a6c4c54fe7112e',
  '1795890000000-StoredFlags.ts': 'b1b0be62bb985fc30efd2293c8e4ecf2f2798a199206e01e8df13387bcceda9f',
  '1795890100000-ReportSnapshots.ts': '45d2fbc7c54ed75835683bd9aeb17192e8ca8610eac442e1a0ee67ba6f93108d',
  '1795890200000-SignOffsThatMeanSomething.ts': 'aa242b9ff4e5c995cb41b689a8c5b91fd6576fc631dbe4e136a47f2569286d52',
  '1795890300000-LegalModel.ts': 'a5e15775a6a5d027ccafca611f52a9dc354029e00b5cfbefdec9aadcc630f71b',
  '1795900000000-VendorAuditDates.ts': '59e220ac056e8c31a8b465e55dadfbfd017ac7543d4aa146cbc5f66162c69ac6',
  '1795900300000-ListOrderIndexes.ts': 'c54c8ae41c86f1c3c233380c702b83e034d0bed14203e1cf0f98983aa5988ac8',
  '1795900400000-ScheduledJobRuns.ts': '4092b453acf3ba37d748cf1ed23779a5c6c01f11868eb36a9c4968318e356196',
  '1795900500000-PeopleByName.ts': 'c4bf56c46854351f5a8fbdf30bd7e9a84ce5e9e8097503dfd00c73c9abf13547',
  '1795900600000-StoredActions.ts': '274090708a7af215065918364fed0ae9c9b761230589b3ada2c4f5518c0ca0a7',
  '1795900700000-AuditPlanIndex.ts': 'a19a6ecb991f7d4681df8e6eea88061d96bc3b8c6377ca66d732b94ff44f22ae',
  '1795900800000-VendorSearchIndex.ts': '29c41bb1dcb9f0d1283251f1bf85a37195071c44d9e37b83f9adda76f02345f1',
  '1795901000000-ContractQueueEntries.ts': 'a923a74b53aaf9d34f637951e650fff48e78367f1333430c12064b4e73ac510e',
  '1795901100000-CalendarFeedIndexes.ts': '4140cd163ffe2360dc0836177130849ffe621584cb0a60017178ec7a2a25a284',
  '1795901200000-WorkQueueCounts.ts': '0d37ad48d57a137c0f69e1fb56101200e9ab45b109f0a7d89e3e6125a5f3a4ac',
  '1795901300000-SupervisionRecordCounts.ts': 'd31ed98d11ad859d10ac4bb8edec02bdeecf0066cbca8dabd29f250a0722ac9f',
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
