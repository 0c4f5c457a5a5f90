import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, resolveSessionSecret } from './app-config';
import { ConfigError } from './environment';

describe('configuration', () => {
  it('starts with nothing set: embedded SQLite, port 3000, Asia/Tokyo', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('sqlite');
    expect(config.database.sqlitePath).toMatch(/data\/oversight\.sqlite$/);
    expect(config.orgTimezone).toBe('Asia/Tokyo');
    expect(config.schedulerEnabled).toBe(true);
    expect(config.appUrl).toBe('http://localhost:3000');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://' }, 'DATABASE_URL'],
    [{ ORG_TIMEZONE: 'Mars/Olympus' }, 'ORG_TIMEZONE'],
    [{ ADMIN_EMAIL: 'not-an-email' }, 'ADMIN_EMAIL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ APP_URL: 'localhost:3000' }, 'APP_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SCHEDULER_ENABLED: 'maybe' }, 'SCHEDULER_ENABLED'],
    [{ SESSION_SECRET: 'too-short' }, 'SESSION_SECRET'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toMatch(new RegExp(`^${variable}: `, 'm'));
    }
  });

  it('never prints a password from DATABASE_URL or ADMIN_PASSWORD in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2secret@/', ADMIN_PASSWORD: 'x' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:hunter2secret@/', ADMIN_PASSWORD: 'x' });
    } catch (error) {
      expect((error as Error).message).not.toMatch(/hunter2secret/);
    }
  });

  it('reads mysql:// and mariadb:// URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://u:p@127.0.0.1:3306/db' }).database.kind).toBe('mariadb');
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/db' }).database.redactedUrl).toBe('mysql://u:***@db:3306/db');
  });

  it('generates SESSION_SECRET once and keeps it in the data folder', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oversight-config-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolveSessionSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveSessionSecret(config)).toBe(first);
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8').trim()).toBe(first);
  });

  it('keeps the default SQLite database in DATA_DIR (a container that mounts only DATA_DIR keeps its data)', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'oversight-config-'));
    expect(loadConfig({ DATA_DIR: dataDir }).database.sqlitePath).toBe(join(dataDir, 'oversight.sqlite'));
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'sqlite:/elsewhere/x.sqlite' }).database.sqlitePath).toBe('/elsewhere/x.sqlite');
  });

  it('trusts no proxy unless TRUST_PROXY names one', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'none' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.0/8 , 192.0.2.1' }).trustProxy).toBe('loopback, 10.0.0.0/8, 192.0.2.1');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/^Invalid configuration:\n  TRUST_PROXY: must be none, a number of proxy hops/);
  });
});
