import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength, Min } from 'class-validator';
import { User } from '../user.entity';
import { LOCALES, Locale } from '../../i18n/locale';
import { ROLES, Role } from '../../common/access-policy';
import { IsAcceptablePassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../common/password-policy';
import { normaliseEmail } from '../../rules/email-address';
import { IsCleanText } from '../../common/clean-text.validator';

export { MIN_PASSWORD_LENGTH };
const normalised = ({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseEmail(value) : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An empty department is none. */
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CreateUserDto {
  @ApiProperty({ example: 'kanri@example.co.jp' })
  @Transform(normalised) @IsEmail({ require_tld: false }) @MaxLength(254)
  email!: string;

  @ApiProperty({ example: '山田 花子' })
  @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '法務部', nullable: true, maxLength: 100, description: '所属部署: shown next to the name on pages' })
  @IsOptional() @Transform(trimToNull) @IsString() @IsCleanText() @MaxLength(100)
  department?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ enum: LOCALES, default: 'ja' })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;

  /** NIST SP 800-63B (common/password-policy.ts); never trimmed. */
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(MAX_PASSWORD_LENGTH) @IsAcceptablePassword()
  password!: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt() @Min(1)
  version!: number;

  @ApiPropertyOptional()
  @IsOptional() @Transform(normalised) @IsEmail({ require_tld: false }) @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(trim) @IsString() @IsCleanText() @MinLength(1) @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: 100, description: 'null or an empty string removes it' })
  @IsOptional() @Transform(trimToNull) @IsString() @IsCleanText() @MaxLength(100)
  department?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional() @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH })
  @IsOptional() @IsString() @MinLength(MIN_PASSWORD_LENGTH) @MaxLength(MAX_PASSWORD_LENGTH) @IsAcceptablePassword()
  password?: string;

  @ApiPropertyOptional({ description: 'false disables sign-in and revokes the user\'s tokens' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  department: string | null;
  role: Role;
  locale: Locale;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    department: user.department,
    role: user.role,
    locale: user.locale,
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
