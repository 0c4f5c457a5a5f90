import { ComplianceService } from '../src/compliance/compliance.service';
import { seedRegister } from '../src/bench/seed-register';
import { WORK_QUEUE_IDS } from '../src/rules/work-queues';
import { today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * The action list and the work queues read a fixed number of queries whatever the register's size:
 * the queries of each request are counted at two sizes (across the 500-vendor slices a per-vendor
 * evaluation would read in), and must be the same.
 */
describe('queries per request do not grow with the register', () => {
  let t: TestApp;
  let token: string;
  let admin: PageSession;
  let queries = 0;

  const paths = [
    '/api/v1/actions',
    '/api/v1/actions?page=2&pageSize=10',
    '/api/v1/actions?role=legal&riskTier=high',
    '/api/v1/actions?kind=conduct-audit',
    '/api/v1/actions?mine=true',
    '/api/v1/work-queues',
    ...WORK_QUEUE_IDS.map((id) => `/api/v1/work-queues/${id}`),
  ];
  /** Queries issued by each request (API with a bearer token, the dashboard with a session), and what each answered. */
  const measure = async () => {
    const counted: Record<string, number> = {};
    const totals: Record<string, number> = {};
    for (const path of paths) {
      queries = 0;
      const response = await t.http.get(path).set(...bearer(token)).expect(200);
      counted[path] = queries;
      totals[path] = response.body.total ?? response.body.items.reduce((sum: number, queue: { count: number }) => sum + queue.count, 0);
    }
    queries = 0;
    await admin.get('/').expect(200);
    counted['/'] = queries;
    return { counted, totals };
  };
  const grow = async (vendors: number) => {
    await seedRegister(t.dataSource, vendors, { records: true, today: today(t) });
    await t.app.get(ComplianceService).recomputeAll();
  };

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('admin');
    admin = await signIn(t, 'admin');
    // Every statement the app sends: each query runner logs it through the data source's logger first.
    const logQuery = t.dataSource.logger.logQuery.bind(t.dataSource.logger);
    jest.spyOn(t.dataSource.logger, 'logQuery').mockImplementation((...args) => {
      queries += 1;
      return logQuery(...args);
    });
  }, 120_000);
  afterAll(() => t.close());

  it('the same number of queries with 40 vendors and with 1,240', async () => {
    await grow(40);
    const small = await measure();
    await grow(1_200);
    const large = await measure();
    // The register did grow, and every list has something to show at both sizes.
    expect(large.totals['/api/v1/actions']).toBeGreaterThan(small.totals['/api/v1/actions'] * 10);
    expect(Object.entries(small.totals).filter(([, total]) => total === 0).map(([path]) => path)).toEqual(Object.entries(large.totals).filter(([, total]) => total === 0).map(([path]) => path));
    expect(large.counted).toEqual(small.counted);
    // And few: a handful per API request (the bearer token's check included), one or two per queue, the whole dashboard under 30.
    const bound = (path: string) => (path === '/' ? 30 : path === '/api/v1/work-queues' ? 15 : 10);
    expect(Object.entries(large.counted).filter(([path, count]) => count > bound(path))).toEqual([]);
  }, 300_000);
});
