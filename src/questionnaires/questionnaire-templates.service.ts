import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit, recordCreated } from '../audit-log/audit-trail';
import { AuthenticatedUser } from '../common/authenticated-user';
import { isUniqueViolation } from '../common/database-errors';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { updateRow } from '../database/row-writes';
import { runInTransaction } from '../database/transactions';
import { contentProblems, QuestionnaireContent, QuestionnairePurpose } from '../rules/questionnaires';
import { ASSESSMENT_ITEM_CODES } from '../supervision/supervision.entities';
import { BUILT_IN_TEMPLATES, BuiltInTemplate } from './built-in-templates';
import { CopyTemplateDto, UpdateTemplateDto } from './dto/questionnaire.dto';
import { QuestionnaireMessages } from './questionnaire-messages';
import { QuestionnaireTemplate, QuestionnaireTemplateVersion } from './questionnaire.entities';

export interface TemplateView {
  id: string;
  version: number;
  key: string | null;
  builtIn: boolean;
  name: { ja: string; en: string };
  purpose: QuestionnairePurpose;
  latestVersion: number;
  copiedFromId: string | null;
  createdAt: string;
  updatedAt: string;
}

export function templateView(template: QuestionnaireTemplate): TemplateView {
  return {
    id: template.id, version: template.version, key: template.key, builtIn: template.builtIn, name: { ja: template.nameJa, en: template.nameEn },
    purpose: template.purpose, latestVersion: template.latestVersion, copiedFromId: template.copiedFromId,
    createdAt: template.createdAt.toISOString(), updatedAt: template.updatedAt.toISOString(),
  };
}

/**
 * Questionnaire templates: the built-in ones (loaded at every start, idempotently; a changed shipped
 * text becomes their next version) and admins' copies. Every edit is a new version; a questionnaire
 * keeps the version it was sent with.
 */
@Injectable()
export class QuestionnaireTemplatesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(QuestionnaireTemplatesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messages: QuestionnaireMessages,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const shipped of BUILT_IN_TEMPLATES) {
      try {
        await runInTransaction(this.dataSource, (manager) => this.load(manager, shipped));
      } catch (error) {
        // Another instance loaded it at the same moment: one more pass finds it in place.
        if (!isUniqueViolation(error)) throw error;
        await runInTransaction(this.dataSource, (manager) => this.load(manager, shipped));
      }
    }
  }

  async list(): Promise<TemplateView[]> {
    const rows = await this.dataSource.getRepository(QuestionnaireTemplate).find({ order: { builtIn: 'DESC', nameJa: 'ASC', id: 'ASC' } });
    return rows.map(templateView);
  }

  async get(id: string): Promise<QuestionnaireTemplate> {
    const template = await this.dataSource.getRepository(QuestionnaireTemplate).findOneBy({ id });
    if (!template) throw new NotFoundError('questionnaire-template', id);
    return template;
  }

  /** A template with the content of its latest version. */
  async view(id: string): Promise<TemplateView & { content: QuestionnaireContent }> {
    const template = await this.get(id);
    const latest = await this.latestVersion(template);
    return { ...templateView(template), content: latest.content };
  }

  async latestVersion(template: QuestionnaireTemplate): Promise<QuestionnaireTemplateVersion> {
    return this.dataSource.getRepository(QuestionnaireTemplateVersion).findOneByOrFail({ templateId: template.id, number: template.latestVersion });
  }

  async version(id: string): Promise<QuestionnaireTemplateVersion> {
    const version = await this.dataSource.getRepository(QuestionnaireTemplateVersion).findOneBy({ id });
    if (!version) throw new NotFoundError('questionnaire-template-version', id);
    return version;
  }

  /** A copy (admins change copies, never the built-in templates): version 1 with the latest content. */
  async copy(id: string, input: CopyTemplateDto, actor: AuthenticatedUser): Promise<TemplateView & { content: QuestionnaireContent }> {
    const original = await this.get(id);
    const latest = await this.latestVersion(original);
    const nameJa = input.nameJa ?? this.messages.copyName('ja', original.nameJa);
    const nameEn = input.nameEn ?? this.messages.copyName('en', original.nameEn);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const template = await manager.save(Object.assign(new QuestionnaireTemplate(), {
        key: null, builtIn: false, nameJa, nameEn, purpose: original.purpose, latestVersion: 1, copiedFromId: original.id,
      }));
      await recordCreated(manager, 'questionnaire-template', template, { copiedFrom: original.id, copiedVersion: latest.number });
      await this.addVersion(manager, template, { nameJa, nameEn, purpose: original.purpose, content: latest.content }, actor.id);
      return template;
    });
    return this.view(saved.id);
  }

  /** A new version of an admin's template, at the version read; built-in templates are copied instead (409). */
  async update(id: string, input: UpdateTemplateDto, actor: AuthenticatedUser): Promise<TemplateView & { content: QuestionnaireContent }> {
    const template = await this.get(id);
    if (template.builtIn) throw new ConflictError({ code: 'template-built-in' });
    if (template.version !== input.version) throw new VersionConflictError('questionnaire-template', id, input.version, template.version);
    const content = plainContent(input.content);
    const problems = contentProblems(content, ASSESSMENT_ITEM_CODES);
    if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ field: problem.path, code: `template-${problem.code}` as const, params: problem.params ?? {} })));
    await runInTransaction(this.dataSource, async (manager) => {
      const next = { nameJa: input.nameJa, nameEn: input.nameEn, purpose: input.purpose, latestVersion: template.latestVersion + 1 };
      const result = await updateRow(manager, QuestionnaireTemplate, template, { ...next, version: () => 'version + 1', updatedAt: this.clock.now() }, 'id = :id AND version = :version', { id, version: input.version });
      if (result.affected !== 1) throw new VersionConflictError('questionnaire-template', id, input.version);
      await recordAudit(manager, {
        action: 'update', entityType: 'questionnaire-template', entityId: id,
        changes: Object.fromEntries(Object.entries(next).filter(([field, value]) => template[field as keyof typeof next] !== value).map(([field, value]) => [field, { before: template[field as keyof typeof next], after: value }])),
      });
      await this.addVersion(manager, Object.assign(template, next), { nameJa: input.nameJa, nameEn: input.nameEn, purpose: input.purpose, content }, actor.id);
    });
    return this.view(id);
  }

  /** Loads one built-in template: created on first start; a shipped change becomes its next version. */
  private async load(manager: EntityManager, shipped: BuiltInTemplate): Promise<void> {
    const existing = await manager.findOneBy(QuestionnaireTemplate, { key: shipped.key });
    const fields = { nameJa: shipped.name.ja, nameEn: shipped.name.en, purpose: shipped.purpose, content: shipped.content };
    if (!existing) {
      const template = await manager.save(Object.assign(new QuestionnaireTemplate(), {
        key: shipped.key, builtIn: true, nameJa: shipped.name.ja, nameEn: shipped.name.en, purpose: shipped.purpose, latestVersion: 1, copiedFromId: null,
      }));
      await recordCreated(manager, 'questionnaire-template', template, { builtIn: true });
      await this.addVersion(manager, template, fields, null);
      this.logger.log({ message: 'built-in questionnaire template loaded', key: shipped.key });
      return;
    }
    const latest = await manager.findOneByOrFail(QuestionnaireTemplateVersion, { templateId: existing.id, number: existing.latestVersion });
    const same = latest.nameJa === fields.nameJa && latest.nameEn === fields.nameEn && latest.purpose === fields.purpose && JSON.stringify(latest.content) === JSON.stringify(fields.content);
    if (same) return;
    const next = { nameJa: fields.nameJa, nameEn: fields.nameEn, purpose: fields.purpose, latestVersion: existing.latestVersion + 1 };
    const result = await updateRow(manager, QuestionnaireTemplate, existing, { ...next, version: () => 'version + 1', updatedAt: this.clock.now() }, 'id = :id AND version = :version', { id: existing.id, version: existing.version });
    if (result.affected !== 1) return;
    await recordAudit(manager, { action: 'update', entityType: 'questionnaire-template', entityId: existing.id, changes: { latestVersion: { before: existing.latestVersion, after: next.latestVersion } }, summary: { builtIn: true } });
    await this.addVersion(manager, Object.assign(existing, next), fields, null);
    this.logger.log({ message: 'built-in questionnaire template updated', key: shipped.key, version: next.latestVersion });
  }

  private async addVersion(
    manager: EntityManager, template: QuestionnaireTemplate, fields: { nameJa: string; nameEn: string; purpose: QuestionnairePurpose; content: QuestionnaireContent }, createdById: string | null,
  ): Promise<void> {
    const row = await manager.save(Object.assign(new QuestionnaireTemplateVersion(), {
      templateId: template.id, number: template.latestVersion, ...fields, createdById, createdAt: this.clock.now(),
    }));
    await recordCreated(manager, 'questionnaire-template-version', { ...row, content: undefined } as unknown as { id: string }, { templateId: template.id, number: row.number });
  }
}

/** The validated DTO as plain JSON (class instances and undefined fields left out), as stored. */
function plainContent(content: QuestionnaireContent): QuestionnaireContent {
  return JSON.parse(JSON.stringify(content)) as QuestionnaireContent;
}
