import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp, createLogger } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { Role } from '../../src/common/access-policy';
import { Locale } from '../../src/i18n/locale';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const USER_PASSWORD = 'a long enough password 1';

/** A clock the tests can move; everything else runs for real. */
export class TestClock extends Clock {
  private offsetMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Share a database with another test app (several instances on one database); not dropped on close. */
  database?: TestDatabase;
  /** Extra controllers or modules, e.g. a route without an access policy. */
  extraModules?: Type<unknown>[];
  customise?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  config: AppConfig;
  clock: TestClock;
  database: TestDatabase;
  /**
   * A bearer token for a user of the role (created on first use). The admin is the first admin, who
   * speaks Japanese (the app's default); the other roles' users speak English. `locale` asks for a
   * user of the role who speaks that language instead (another user, e.g. an English-speaking admin:
   * the JSON API answers in the caller's language).
   */
  tokenFor(role: Role, locale?: Locale): Promise<string>;
  /** Changes the language of the role's usual user (the first admin for `admin`), e.g. to read the English of its pages and answers. */
  setLocale(role: Role, locale: Locale): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule in-process with the production configureApp(), on the engine
 * DATABASE_URL names (SQLite in memory by default), migrations applied as at start-up.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.database;
  const database = shared ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'oversight-test-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'error',
    SCHEDULER_ENABLED: 'false',
    ...options.env,
  });
  const clock = new TestClock(config);
  let builder = Test.createTestingModule({ imports: [AppModule, ...(options.extraModules ?? [])] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock);
  if (options.customise) builder = options.customise(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: createLogger(config), bodyParser: false });
  configureApp(app, config);
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();

  const login = async (email: string, password: string): Promise<string> => {
    const response = await http.post('/api/v1/auth/login').send({ email, password }).expect(200);
    return response.body.token as string;
  };

  const testApp: TestApp = {
    app,
    http,
    dataSource: moduleRef.get<DataSource>(getDataSourceToken()),
    config,
    clock,
    database,
    async tokenFor(role, locale = role === 'admin' ? 'ja' : 'en') {
      const key = `${role}:${locale}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const adminToken = tokens.get('admin:ja') ?? (await login(ADMIN_EMAIL, ADMIN_PASSWORD));
      tokens.set('admin:ja', adminToken);
      if (key === 'admin:ja') return adminToken;
      const usual = locale === (role === 'admin' ? 'ja' : 'en');
      const email = usual ? `${role}@example.test` : `${role}.${locale}@example.test`;
      await http
        .post('/api/v1/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ email, name: `Test ${role}${usual ? '' : ` (${locale})`}`, role, locale, password: USER_PASSWORD })
        .expect(201);
      const token = await login(email, USER_PASSWORD);
      tokens.set(key, token);
      return token;
    },
    async setLocale(role, locale) {
      const token = await testApp.tokenFor(role);
      const me = (await http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200)).body as { id: string; version: number };
      const admin = await testApp.tokenFor('admin');
      await http.patch(`/api/v1/users/${me.id}`).set('Authorization', `Bearer ${admin}`).send({ version: me.version, locale }).expect(200);
    },
    async close() {
      await app.close();
      if (!shared) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}

export const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
