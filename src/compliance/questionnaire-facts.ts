import { EntityManager } from 'typeorm';
import { Questionnaire } from '../questionnaires/questionnaire.entities';
import { QuestionnaireFacts } from '../rules/questionnaire-supervision';

/**
 * The questionnaires that may be overdue on `asOf` (sent by then, due before it, not handed back by
 * then), grouped by vendor, in one query whatever the number of vendors. The rule
 * (rules/questionnaire-supervision.ts) decides; this only narrows what the database returns.
 */
export async function loadQuestionnaireFacts(manager: EntityManager, asOf: string, vendorIds?: readonly string[]): Promise<Map<string, QuestionnaireFacts[]>> {
  const query = manager
    .createQueryBuilder(Questionnaire, 'q')
    .select(['q.id', 'q.vendorId', 'q.purpose', 'q.titleJa', 'q.titleEn', 'q.sentOn', 'q.dueOn', 'q.answeredOn'])
    .where('q.sentOn <= :asOf AND q.dueOn < :asOf AND (q.answeredOn IS NULL OR q.answeredOn > :asOf)', { asOf });
  if (vendorIds) query.andWhere('q.vendorId IN (:...vendorIds)', { vendorIds });
  const byVendor = new Map<string, QuestionnaireFacts[]>();
  for (const row of await query.orderBy('q.dueOn', 'ASC').addOrderBy('q.id', 'ASC').getMany()) {
    const facts: QuestionnaireFacts = {
      id: row.id, purpose: row.purpose, titleJa: row.titleJa, titleEn: row.titleEn, sentOn: row.sentOn, dueOn: row.dueOn, answeredOn: row.answeredOn,
    };
    const list = byVendor.get(row.vendorId);
    if (list) list.push(facts);
    else byVendor.set(row.vendorId, [facts]);
  }
  return byVendor;
}
