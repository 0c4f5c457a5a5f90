import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, parseEnvironment } from './environment';
import { LocalLoginMode, OidcSettings, parseOidcSettings } from './oidc-config';

export type DatabaseKind = 'sqlite' | 'mysql' | 'mariadb';

export interface DatabaseSettings {
  kind: DatabaseKind;
  /** The URL as configured (password included): never log it, use `redactedUrl`. */
  url: string;
  redactedUrl: string;
  /** SQLite file path or `:memory:`. */
  sqlitePath?: string;
}

/** The typed, validated configuration. Nothing else in the app reads `process.env`. */
export class AppConfig {
  port!: number;
  database!: DatabaseSettings;
  adminEmail!: string;
  adminPassword?: string;
  orgTimezone!: string;
  appUrl!: string;
  sessionSecret?: string;
  smtpUrl?: string;
  mailFrom!: string;
  schedulerEnabled!: boolean;
  /** HH:MM in ORG_TIMEZONE when the daily reminder job runs. */
  reminderTime!: string;
  /** How long a delivery run may hold claimed reminders before another run takes them over. */
  reminderLeaseSeconds!: number;
  dataDir!: string;
  tokenTtlHours!: number;
  logFormat!: 'json' | 'text';
  logLevel!: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Single sign-on; null when OIDC_ISSUER is not set. */
  oidc!: OidcSettings | null;
  localLogin!: LocalLoginMode;

  static from(values: AppConfig): AppConfig {
    return Object.assign(new AppConfig(), values);
  }
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/oversight.sqlite';

export function parseDatabaseUrl(url: string): DatabaseSettings {
  const redactedUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  if (url.startsWith('sqlite:')) {
    let path = url.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (!path) throw new ConfigError(['DATABASE_URL: a sqlite: URL needs a file path or :memory:']);
    return { kind: 'sqlite', url, redactedUrl, sqlitePath: path === ':memory:' ? path : resolve(path) };
  }
  const match = /^(mysql|mariadb):\/\//.exec(url);
  if (!match) throw new ConfigError([`DATABASE_URL: must start with sqlite:, mysql:// or mariadb:// (got "${redactedUrl}")`]);
  try {
    const parsed = new URL(url);
    if (!parsed.hostname || parsed.pathname.length < 2) throw new Error('no host or database');
  } catch {
    throw new ConfigError([`DATABASE_URL: must look like ${match[1]}://user:password@host:3306/database (got "${redactedUrl}")`]);
  }
  return { kind: match[1] as DatabaseKind, url, redactedUrl };
}

/** Builds the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const raw = parseEnvironment(env);
  const problems: string[] = [];
  const orgTimezone = raw.ORG_TIMEZONE ?? 'Asia/Tokyo';
  let database: DatabaseSettings | undefined;
  try {
    database = parseDatabaseUrl(raw.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  const port = raw.PORT ?? 3000;
  const appUrl = (raw.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const { oidc, localLogin, problems: oidcProblems } = parseOidcSettings(raw, appUrl);
  problems.push(...oidcProblems);
  if (problems.length > 0 || !database) throw new ConfigError(problems);
  return AppConfig.from({
    port,
    database,
    adminEmail: (raw.ADMIN_EMAIL ?? 'admin@example.com').toLowerCase(),
    adminPassword: raw.ADMIN_PASSWORD,
    orgTimezone,
    appUrl,
    sessionSecret: raw.SESSION_SECRET,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? 'Vendor Oversight <no-reply@localhost>',
    schedulerEnabled: raw.SCHEDULER_ENABLED === undefined ? true : ['true', '1'].includes(raw.SCHEDULER_ENABLED.toLowerCase()),
    reminderTime: raw.REMINDER_TIME ?? '08:00',
    reminderLeaseSeconds: raw.REMINDER_LEASE_SECONDS ?? 600,
    dataDir: resolve(raw.DATA_DIR ?? './data'),
    tokenTtlHours: raw.TOKEN_TTL_HOURS ?? 12,
    logFormat: raw.LOG_FORMAT ?? 'json',
    logLevel: raw.LOG_LEVEL ?? 'log',
    oidc,
    localLogin,
  });
}

/**
 * SESSION_SECRET, when not configured, is generated once and kept in the data folder so that
 * restarts keep sessions valid. Several instances must share SESSION_SECRET explicitly.
 */
export function resolveSessionSecret(config: AppConfig): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = join(config.dataDir, 'session-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The configuration of this process's environment (the migration CLI needs no session secret). */
export function loadEnvironmentConfig(): AppConfig {
  return loadConfig(process.env);
}

/** The configuration of this process, with the session secret resolved. */
export function loadProcessConfig(): AppConfig {
  const config = loadEnvironmentConfig();
  return AppConfig.from({ ...config, sessionSecret: resolveSessionSecret(config) });
}
