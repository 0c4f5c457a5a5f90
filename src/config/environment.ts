import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsBooleanString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
} from 'class-validator';
import { Type } from 'class-transformer';

/**
 * The raw environment as the process receives it. This file and app-config.ts are the only
 * places that know about environment variables; everything else injects `AppConfig`.
 */
export class EnvironmentVariables {
  // Decorators register bottom-up: the type check comes first, so its message is the one shown.
  @IsOptional() @Max(65535) @Min(1) @IsInt() @Type(() => Number)
  PORT?: number;

  @IsOptional() @IsString() @Matches(/^(sqlite:.+|mysql:\/\/.+|mariadb:\/\/.+)$/, {
    message: 'must start with sqlite:, mysql:// or mariadb://',
  })
  DATABASE_URL?: string;

  @IsOptional() @IsEmail({ require_tld: false })
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(12)
  ADMIN_PASSWORD?: string;

  @IsOptional() @IsTimeZone({ message: 'ORG_TIMEZONE must be an IANA time zone such as Asia/Tokyo' })
  ORG_TIMEZONE?: string;

  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  APP_URL?: string;

  @IsOptional() @IsString() @MinLength(32)
  SESSION_SECRET?: string;

  @IsOptional() @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsString() @MinLength(3)
  MAIL_FROM?: string;

  @IsOptional() @IsBooleanString()
  SCHEDULER_ENABLED?: string;

  @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time of day as HH:MM, e.g. 08:00' })
  REMINDER_TIME?: string;

  @IsOptional() @Max(86_400) @Min(1) @IsInt() @Type(() => Number)
  REMINDER_LEASE_SECONDS?: number;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @Max(24 * 90) @Min(1) @IsInt() @Type(() => Number)
  TOKEN_TTL_HOURS?: number;

  @IsOptional() @Matches(/^(none|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/, {
    message: 'must be none, a number of proxy hops, or a comma-separated list of loopback, linklocal, uniquelocal, addresses or CIDR ranges',
  })
  TRUST_PROXY?: string;

  @IsOptional() @IsIn(['json', 'text'])
  LOG_FORMAT?: 'json' | 'text';

  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: 'error' | 'warn' | 'log' | 'debug' | 'verbose';

  // ── Documents and evidence (src/files): where the bytes are kept, what is accepted ──
  @IsOptional() @Matches(/^(local|file:\/\/\/\S+|s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/\S*)?)$/, {
    message: 'must be local, file:///absolute/folder or s3://bucket/prefix',
  })
  FILES_URL?: string;

  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  FILES_S3_ENDPOINT?: string;

  @IsOptional() @Matches(/^[a-z0-9-]+$/, { message: 'must be a region name such as ap-northeast-1' })
  FILES_S3_REGION?: string;

  @IsOptional() @IsString() @MinLength(1)
  FILES_S3_ACCESS_KEY_ID?: string;

  @IsOptional() @IsString() @MinLength(1)
  FILES_S3_SECRET_ACCESS_KEY?: string;

  @IsOptional() @IsBooleanString()
  FILES_S3_FORCE_PATH_STYLE?: string;

  @IsOptional() @Max(1000) @Min(1) @IsInt() @Type(() => Number)
  FILES_MAX_MB?: number;

  @IsOptional() @Matches(/^\s*[a-z]+\/[a-z0-9.+-]+\s*(,\s*[a-z]+\/[a-z0-9.+-]+\s*)*$/i, { message: 'must be a comma-separated list of MIME types, e.g. application/pdf,image/png' })
  FILES_ALLOWED_TYPES?: string;

  @IsOptional() @Max(100_000) @Min(0) @IsInt() @Type(() => Number)
  FILES_VERIFY_SAMPLE?: number;

  // Single sign-on (OpenID Connect): how they fit together is checked in oidc-config.ts.
  @IsOptional() @IsString() OIDC_ISSUER?: string;
  @IsOptional() @IsString() OIDC_CLIENT_ID?: string;
  @IsOptional() @IsString() OIDC_CLIENT_SECRET?: string;
  @IsOptional() @IsString() OIDC_SCOPES?: string;
  @IsOptional() @IsString() OIDC_ROLE_CLAIM?: string;
  @IsOptional() @IsString() OIDC_ROLE_MAP?: string;
  @IsOptional() @IsString() OIDC_DEFAULT_ROLE?: string;
  @IsOptional() @IsString() LOCAL_LOGIN?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads only the variables this app knows; empty strings count as unset. */
export function parseEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariablesKeys());
  const picked: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = plainToInstance(EnvironmentVariables, picked);
  const errors = validateSync(parsed, { whitelist: true, forbidNonWhitelisted: false, stopAtFirstError: true });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (reason) => `${error.property}: ${reason.replace(new RegExp(`^${error.property} `), '')} (got "${redact(error.property, picked[error.property])}")`,
    ),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed;
}

function redact(variable: string, value: string | undefined): string {
  if (/PASSWORD|SECRET/.test(variable)) return '***';
  if (value && /_URL$/.test(variable)) return value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return value ?? '';
}

/** The list of known variable names, kept beside the class so the two cannot drift. */
class EnvironmentVariablesKeys implements Record<keyof EnvironmentVariables, true> {
  PORT = true as const;
  DATABASE_URL = true as const;
  ADMIN_EMAIL = true as const;
  ADMIN_PASSWORD = true as const;
  ORG_TIMEZONE = true as const;
  APP_URL = true as const;
  SESSION_SECRET = true as const;
  SMTP_URL = true as const;
  MAIL_FROM = true as const;
  SCHEDULER_ENABLED = true as const;
  REMINDER_TIME = true as const;
  REMINDER_LEASE_SECONDS = true as const;
  DATA_DIR = true as const;
  TOKEN_TTL_HOURS = true as const;
  TRUST_PROXY = true as const;
  LOG_FORMAT = true as const;
  LOG_LEVEL = true as const;
  // ── Documents and evidence (src/files) ──
  FILES_URL = true as const;
  FILES_S3_ENDPOINT = true as const;
  FILES_S3_REGION = true as const;
  FILES_S3_ACCESS_KEY_ID = true as const;
  FILES_S3_SECRET_ACCESS_KEY = true as const;
  FILES_S3_FORCE_PATH_STYLE = true as const;
  FILES_MAX_MB = true as const;
  FILES_ALLOWED_TYPES = true as const;
  FILES_VERIFY_SAMPLE = true as const;

  OIDC_ISSUER = true as const;
  OIDC_CLIENT_ID = true as const;
  OIDC_CLIENT_SECRET = true as const;
  OIDC_SCOPES = true as const;
  OIDC_ROLE_CLAIM = true as const;
  OIDC_ROLE_MAP = true as const;
  OIDC_DEFAULT_ROLE = true as const;
  LOCAL_LOGIN = true as const;
}
