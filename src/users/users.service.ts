import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { hashPassword } from './password-hasher';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, ValidationError } from '../common/domain-errors';
import { passwordProblem } from '../rules/password-policy';
import { normaliseEmail } from '../rules/email-address';
import { isUniqueViolation } from '../common/database-errors';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { User } from './user.entity';

/** A person as pages show them: the name, and the department when there is one. */
export interface Person {
  name: string;
  department: string | null;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(query: PageQuery): Promise<Page<User>> {
    const [items, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { email: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  /** E-mail addresses of the given users (who reviewed, who signed off), for views of other records. */
  async emailsOf(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(wanted) }, select: { id: true, email: true } });
    return new Map(users.map((user) => [user.id, user.email]));
  }

  /** The active users by name, to choose a person (a vendor's owner) by name rather than by address. */
  async people(): Promise<Array<{ email: string; name: string }>> {
    return this.dataSource.getRepository(User).find({ where: { active: true }, select: { id: true, email: true, name: true }, order: { name: 'ASC', email: 'ASC' } });
  }

  /** Names and departments of the users with these e-mail addresses (exact, normalised), to show people by name. */
  async peopleByEmail(emails: Array<string | null>): Promise<Map<string, Person>> {
    const wanted = [...new Set(emails.filter((email): email is string => typeof email === 'string').map(normaliseEmail))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { email: In(wanted) }, select: { id: true, email: true, name: true, department: true } });
    return new Map(users.filter((user) => wanted.includes(user.email)).map((user) => [user.email, { name: user.name, department: user.department }]));
  }

  /** Names and departments of the users with these ids (who reviewed, who signed off). */
  async peopleById(ids: Array<string | null>): Promise<Map<string, Person>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(wanted) }, select: { id: true, name: true, department: true } });
    return new Map(users.map((user) => [user.id, { name: user.name, department: user.department }]));
  }

  /** The active user with exactly this (normalised) address: a collation's near-match is another address. */
  async findActiveByEmail(email: string): Promise<User | null> {
    const address = normaliseEmail(email);
    const candidates = await this.dataSource.getRepository(User).findBy({ email: address, active: true });
    return candidates.find((user) => user.email === address) ?? null;
  }

  async create(input: CreateUserDto): Promise<User> {
    const user = this.dataSource.getRepository(User).create({
      email: input.email,
      name: input.name,
      department: input.department ?? null,
      role: input.role,
      locale: input.locale ?? 'ja',
      passwordHash: await hashPassword(input.password),
      active: true,
    });
    try {
      return await runInTransaction(this.dataSource, async (manager) => {
        const row = await manager.save(user);
        await recordCreated(manager, 'user', row);
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError({ field: 'email', code: 'email-taken', params: { email: input.email ?? '' } }, 'duplicate');
      throw error;
    }
  }

  async update(id: string, input: UpdateUserDto): Promise<User> {
    const { version, password, ...fields } = input;
    const changes: QueryDeepPartialEntity<User> = { ...fields };
    if (password !== undefined) {
      // The DTO judged the password against what the request carried; the stored address and name count too.
      const stored = await this.get(id);
      if (passwordProblem(password, { email: fields.email ?? stored.email, name: fields.name ?? stored.name }) === 'personal') {
        throw new ValidationError({ field: 'password', code: 'validation.passwordPersonal' });
      }
      changes.passwordHash = await hashPassword(password);
    }
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        await updateAtVersion(manager, User, 'user', id, version, changes, this.clock.now());
        // Nobody could manage users any more: refuse, and the update above rolls back with it.
        const admins = await manager.countBy(User, { role: 'admin', active: true });
        if (admins === 0) throw new ConflictError({ field: 'role', code: 'last-admin' });
        // A new password or a disabled account ends every open sign-in: auth's SessionRevocation
        // subscriber does it in this transaction.
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError({ field: 'email', code: 'email-taken', params: { email: input.email ?? '' } }, 'duplicate');
      throw error;
    }
    return this.get(id);
  }

  /**
   * First start with no users: create the admin from ADMIN_EMAIL / ADMIN_PASSWORD. A
   * generated password is printed once. Several instances may race here: the unique e-mail makes
   * the loser's insert fail harmlessly.
   */
  async ensureFirstAdmin(): Promise<void> {
    if ((await this.dataSource.getRepository(User).count()) > 0) return;
    const generated = this.config.adminPassword ? undefined : randomBytes(12).toString('base64url');
    try {
      await this.create({
        email: this.config.adminEmail,
        name: 'Administrator',
        role: 'admin',
        locale: 'ja',
        password: this.config.adminPassword ?? generated!,
      });
    } catch (error) {
      if (error instanceof ConflictError) return;
      throw error;
    }
    if (generated) {
      // Printed once, on purpose: the only way to learn a generated first password.
      this.logger.warn(`first admin created: sign in as ${this.config.adminEmail} with password ${generated} and change it`);
    } else {
      this.logger.log('first admin created from ADMIN_EMAIL / ADMIN_PASSWORD');
    }
  }
}

