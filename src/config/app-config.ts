import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PASSWORD_MESSAGES, passwordProblem } from '../rules/password-policy';
import { normaliseEmail } from '../rules/email-address';
import { ConfigError, parseEnvironment } from './environment';
import { FilesSettings, parseFilesSettings } from './files-config';
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
  /**
   * Which peers may tell the client's address in X-Forwarded-For (Express's "trust proxy"): false
   * (none, the default: the socket's address is the client), a number of hops, or a list of
   * addresses, CIDR ranges and loopback/linklocal/uniquelocal.
   */
  trustProxy!: false | number | string;
  logFormat!: 'json' | 'text';
  logLevel!: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Documents and evidence (src/files): storage, size limit, accepted types. */
  files!: FilesSettings;
  /** Single sign-on; null when OIDC_ISSUER is not set. */
  oidc!: OidcSettings | null;
  localLogin!: LocalLoginMode;

  static from(values: AppConfig): AppConfig {
    return Object.assign(new AppConfig(), values);
  }
}

/** Without DATABASE_URL: an SQLite file in DATA_DIR, so a container that keeps DATA_DIR keeps its data. */
export const DEFAULT_SQLITE_FILE = 'oversight.sqlite';

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
  const dataDir = resolve(raw.DATA_DIR ?? './data');
  let database: DatabaseSettings | undefined;
  try {
    database = parseDatabaseUrl(raw.DATABASE_URL ?? `sqlite:${join(dataDir, DEFAULT_SQLITE_FILE)}`);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  let files: FilesSettings | undefined;
  try {
    files = parseFilesSettings(raw, dataDir);
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  const adminEmail = normaliseEmail(raw.ADMIN_EMAIL ?? 'admin@example.com');
  const weak = raw.ADMIN_PASSWORD === undefined ? null : passwordProblem(raw.ADMIN_PASSWORD, { email: adminEmail, name: 'Administrator' });
  if (weak) problems.push(`ADMIN_PASSWORD: ${PASSWORD_MESSAGES[weak]} (got "***")`);
  if (problems.length > 0 || !database || !files) throw new ConfigError(problems);
  const port = raw.PORT ?? 3000;
  const appUrl = (raw.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const { oidc, localLogin, problems: oidcProblems } = parseOidcSettings(raw, appUrl);
  problems.push(...oidcProblems);
  if (problems.length > 0 || !database) throw new ConfigError(problems);
  return AppConfig.from({
    port,
    database,
    adminEmail,
    adminPassword: raw.ADMIN_PASSWORD,
    orgTimezone,
    appUrl,
    sessionSecret: raw.SESSION_SECRET,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM ?? 'Vendor Oversight <no-reply@localhost>',
    schedulerEnabled: raw.SCHEDULER_ENABLED === undefined ? true : ['true', '1'].includes(raw.SCHEDULER_ENABLED.toLowerCase()),
    reminderTime: raw.REMINDER_TIME ?? '08:00',
    reminderLeaseSeconds: raw.REMINDER_LEASE_SECONDS ?? 600,
    dataDir,
    tokenTtlHours: raw.TOKEN_TTL_HOURS ?? 12,
    trustProxy: trustProxyOf(raw.TRUST_PROXY),
    logFormat: raw.LOG_FORMAT ?? 'json',
    logLevel: raw.LOG_LEVEL ?? 'log',
    files,
    oidc,
    localLogin,
  });
}

function trustProxyOf(value: string | undefined): AppConfig['trustProxy'] {
  if (value === undefined || value === 'none') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim()).join(', ');
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

/** Node's own options given in NODE_OPTIONS (runtime flags, not the app's configuration: main.ts reads them before anything else). */
export function nodeOptionsGiven(): string[] {
  return (process.env.NODE_OPTIONS ?? '').split(/\s+/).filter((flag) => flag.length > 0);
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
