import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { recordCreated } from '../audit-log/audit-trail';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { isUniqueViolation } from '../common/database-errors';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, VersionConflictError } from '../common/domain-errors';
import { definedFields } from '../common/objects';
import { runInTransaction } from '../database/transactions';
import { normaliseEmail } from '../rules/email-address';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsService } from '../vendors/vendors.service';
import { CreateContactDto, UpdateContactDto } from './dto/questionnaire.dto';
import { QuestionnaireMessages } from './questionnaire-messages';
import { Questionnaire, VendorContact } from './questionnaire.entities';

/** The API's view of a contact. */
export function contactView(contact: VendorContact) {
  return {
    id: contact.id, version: contact.version, vendorId: contact.vendorId, name: contact.name, email: contact.email, locale: contact.locale,
    createdAt: contact.createdAt.toISOString(), updatedAt: contact.updatedAt.toISOString(),
  };
}
export type ContactView = ReturnType<typeof contactView>;

/** A vendor's contacts: the people questionnaires are sent to (name, e-mail, language). */
@Injectable()
export class VendorContactsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly dependents: VendorDependents,
    private readonly messages: QuestionnaireMessages,
    private readonly clock: Clock,
  ) {}

  /** Questionnaires are evidence; a candidate with contacts keeps them too (no half-deleted vendor). */
  onModuleInit(): void {
    this.dependents.keepsVendor(async (manager, vendorId) => [
      { field: 'records', kind: 'questionnaire', count: await manager.countBy(Questionnaire, { vendorId }) },
      { field: 'records', kind: 'contact', count: await manager.countBy(VendorContact, { vendorId }) },
    ]);
  }

  async list(vendorId: string): Promise<ContactView[]> {
    await this.vendors.get(vendorId);
    const rows = await this.dataSource.getRepository(VendorContact).find({ where: { vendorId }, order: { name: 'ASC', id: 'ASC' } });
    return rows.map(contactView);
  }

  async get(id: string): Promise<VendorContact> {
    const contact = await this.dataSource.getRepository(VendorContact).findOneBy({ id });
    if (!contact) throw new NotFoundError('contact', id);
    return contact;
  }

  async create(vendorId: string, input: CreateContactDto): Promise<ContactView> {
    await this.vendors.get(vendorId);
    const email = normaliseEmail(input.email);
    try {
      const saved = await runInTransaction(this.dataSource, async (manager) => {
        const row = await manager.save(Object.assign(new VendorContact(), { vendorId, name: input.name, email, locale: input.locale ?? 'ja' }));
        await recordCreated(manager, 'contact', row);
        return row;
      });
      return contactView(saved);
    } catch (error) {
      throw this.duplicate(error, email);
    }
  }

  async update(id: string, input: UpdateContactDto): Promise<ContactView> {
    const { version, ...fields } = input;
    const current = await this.get(id);
    if (current.version !== version) throw new VersionConflictError('contact', id, version, current.version);
    const changes = definedFields({ ...fields, email: fields.email === undefined ? undefined : normaliseEmail(fields.email) });
    try {
      await runInTransaction(this.dataSource, (manager) => updateAtVersion(manager, VendorContact, 'contact', id, version, changes, this.clock.now()));
    } catch (error) {
      throw this.duplicate(error, changes.email ?? current.email);
    }
    return contactView(await this.get(id));
  }

  private duplicate(error: unknown, email: string): unknown {
    return isUniqueViolation(error) ? new ConflictError({ field: 'email', code: 'contact-email-taken', params: { email } }, 'duplicate') : error;
  }
}
