import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AuthToken } from '../auth-token.entity';

export const MAX_TOKEN_DAYS = 366;
export const DEFAULT_TOKEN_DAYS = 90;

export class CreateApiTokenDto {
  @ApiProperty({ example: 'nightly register export', maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @MinLength(1) @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOKEN_DAYS, default: DEFAULT_TOKEN_DAYS, description: 'the token stops working after this many days' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_TOKEN_DAYS)
  expiresInDays?: number;
}

/** A personal API token as its owner sees it: never the token itself (shown once, at creation). */
export interface ApiTokenView {
  id: string;
  name: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface CreatedApiTokenView extends ApiTokenView {
  /** The bearer token: shown this once, stored only as its SHA-256. */
  token: string;
}

export function toApiTokenView(row: AuthToken, now: Date): ApiTokenView {
  return {
    id: row.id,
    name: row.name ?? '',
    status: row.revokedAt ? 'revoked' : row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
