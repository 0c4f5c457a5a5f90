import { getMetadataStorage } from 'class-validator';
import { ActionListQuery } from '../actions/dto/action-query.dto';
import { AuditLogQuery } from '../audit-log/dto/audit-log-query.dto';
import { RequirementQuery } from '../catalogue/dto/catalogue.dto';
import { ProblemRenderer } from '../common/problems';
import { AsOfQuery, FlagListQuery } from '../compliance/dto/compliance-query.dto';
import { ExportQuery } from '../exports/dto/export.dto';
import { ContentQuery } from '../files/dto/file.dto';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { Translator } from '../i18n/translator';
import { ImportVendorsQuery, TemplateQuery } from '../imports/dto/import.dto';
import { IncidentListQuery } from '../incidents/dto/incident.dto';
import { AuditPlanQuery } from '../planning/dto/audit-plan.dto';
import { QuestionnaireListQuery } from '../questionnaires/dto/questionnaire.dto';
import { NotificationListQuery } from '../reminders/dto/notification.dto';
import { BoardReportQuery } from '../reports/dto/board-report.dto';
import { ExternalEnvironmentQuery } from '../reports/dto/external-environment.dto';
import { AuditListQuery, FindingListQuery } from '../supervision/dto/supervision.dto';
import { VendorListQuery } from '../vendors/dto/vendor.dto';
import { VendorColumnsQuery } from './vendor-columns';

/** Every query of a list, report or export: a page's 400 for one of them names the field in the reader's language. */
const QUERIES = [
  ActionListQuery, AuditLogQuery, RequirementQuery, AsOfQuery, FlagListQuery, ExportQuery, ContentQuery, ImportVendorsQuery, TemplateQuery,
  IncidentListQuery, AuditPlanQuery, QuestionnaireListQuery, NotificationListQuery, BoardReportQuery, ExternalEnvironmentQuery,
  AuditListQuery, FindingListQuery, VendorListQuery, VendorColumnsQuery,
];

function validatedFields(target: abstract new () => unknown): string[] {
  return [...new Set(getMetadataStorage().getTargetValidationMetadatas(target as new () => unknown, '', true, false).map((meta) => meta.propertyName))];
}

describe('the labels of query fields (a bad filter on a page names its field)', () => {
  const fields = [...new Set(QUERIES.flatMap(validatedFields))].sort();

  it('finds the queries\' fields', () => {
    expect(fields).toEqual(expect.arrayContaining(['columns', 'complianceStatus', 'dataCategory', 'lastAuditBefore', 'page', 'pageSize', 'q', 'riskTier']));
  });

  it.each(fields)('%s has a label in English and Japanese, and the Japanese one has no Latin word', (field) => {
    const labels = (catalogue: typeof en) => (catalogue.error.field as Record<string, string>)[field];
    expect(labels(en)).toEqual(expect.any(String));
    expect(labels(ja as typeof en)).toEqual(expect.any(String));
    expect(labels(ja as typeof en)).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('a page names the field of a refused filter, in the reader\'s language', () => {
    const translator = new Translator();
    const problem = { field: 'riskTier', code: 'validation.isIn' as const, params: { allowed: 'low, medium, high' } };
    expect(new ProblemRenderer(translator, 'ja').labelled(problem)).toMatch(/^リスク区分: /);
    expect(new ProblemRenderer(translator, 'en').labelled(problem)).toMatch(/^Risk tier: /);
  });
});
