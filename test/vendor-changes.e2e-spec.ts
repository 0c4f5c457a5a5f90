import { EntityManager, EntityMetadata, In, ObjectLiteral } from 'typeorm';
import { pendingVendorChanges } from '../src/compliance/changed-vendors';
import { NOT_COMPLIANCE_FACTS, vendorRouteOf } from '../src/compliance/vendor-changes.subscriber';
import { VendorFlag } from '../src/compliance/vendor-flag.entity';
import { Contract } from '../src/contracts/contract.entity';
import { deleteRow, updateRow } from '../src/database/row-writes';
import { runInTransaction } from '../src/database/transactions';
import { FLAG_CODES } from '../src/rules/flags';
import { Setting } from '../src/settings/setting.entity';
import { Certificate } from '../src/supervision/supervision.entities';
import { Vendor } from '../src/vendors/vendor.entity';
import { activeVendor, newContract, newVendor, review, today } from './support/factories';
import { newContact, sendQuestionnaire } from './support/questionnaires';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * The compliance engine recomputes a vendor in the transaction that changes one of its facts,
 * because VendorChangesSubscriber marks the vendor of every row written: no feature calls the engine
 * (or could forget to). These tests fail when a table with vendor data is not covered, when a write
 * path does not reach the subscriber, and when a write that cannot name its vendor is not refused.
 */
describe('every write of a vendor fact marks its vendor for the compliance engine', () => {
  let t: TestApp;
  let vendorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    // One vendor with a record of every kind.
    const vendor = await activeVendor(t, { dataCategories: ['customer'] });
    vendorId = vendor.id;
    const contract = await newContract(t, vendorId);
    await review(t, contract.id, { 'scope-purpose': 'present' });
    const compliance = await t.tokenFor('compliance');
    const post = (path: string, body: object) => t.http.post(path).set(...bearer(compliance)).send(body).expect(201);
    const audit = (await post(`/api/v1/vendors/${vendorId}/audits`, { kind: 'remote', scheduledFor: today(t) })).body;
    await post(`/api/v1/audits/${audit.id}/findings`, { title: '教育記録なし', severity: 'medium', dueOn: today(t) });
    await post(`/api/v1/vendors/${vendorId}/subcontractors`, { name: '再委託先', country: 'JP', services: '運用' });
    await post(`/api/v1/vendors/${vendorId}/certificates`, { kind: 'privacy-mark', validUntil: '2030-03-31' });
    await post(`/api/v1/vendors/${vendorId}/deletion-certificates`, { receivedOn: today(t), contractId: contract.id });
    // A questionnaire sent to a contact (its due date is a fact of questionnaire-overdue).
    await sendQuestionnaire(t, vendorId, (await newContact(t, vendorId)).id);
    // 漏えい等: an incident (with its obligation, GDPR Art. 33) and a report made.
    const incident = (await post(`/api/v1/vendors/${vendorId}/incidents`, { title: '誤送信', kind: 'leak', awareAt: new Date().toISOString(), euUkDataSubjects: true })).body;
    await post(`/api/v1/incidents/${incident.id}/reports`, { obligation: 'gdpr-authority', submittedAt: new Date().toISOString(), submittedBy: '法務部' });
  });
  afterAll(() => t.close());

  /** Tables with vendor data: they reach the vendors table through foreign keys, or name a vendor-data record (`vendorId`, `contractId`, …) by a column. */
  function holdsVendorData(metadata: EntityMetadata): boolean {
    const reachesVendors = (entity: EntityMetadata, seen: Set<EntityMetadata>): boolean =>
      entity.tableName === 'vendors' ||
      entity.foreignKeys.some((key) => !seen.has(key.referencedEntityMetadata) && reachesVendors(key.referencedEntityMetadata, new Set([...seen, entity])));
    if (reachesVendors(metadata, new Set())) return true;
    const vendorData = t.dataSource.entityMetadatas.filter((entity) => reachesVendors(entity, new Set()));
    return metadata.columns.some((column) => vendorData.some((entity) => column.propertyName.toLowerCase() === `${entity.name.toLowerCase()}id`));
  }

  it('covers every table with vendor data, or lists it as no fact of the engine (with why)', () => {
    const uncovered = t.dataSource.entityMetadatas
      .filter((metadata) => holdsVendorData(metadata) && !vendorRouteOf(metadata) && !NOT_COMPLIANCE_FACTS.has(metadata.name))
      .map((metadata) => metadata.name);
    expect(uncovered).toEqual([]);
    // And the list names only tables that do hold vendor data.
    const listed = [...NOT_COMPLIANCE_FACTS.keys()].map((name) => t.dataSource.entityMetadatas.find((metadata) => metadata.name === name));
    expect(listed.map((metadata, index) => (metadata && holdsVendorData(metadata) ? 'ok' : [...NOT_COMPLIANCE_FACTS.keys()][index]))).toEqual(listed.map(() => 'ok'));
    expect(t.dataSource.entityMetadatas.filter((metadata) => vendorRouteOf(metadata)).map((metadata) => metadata.name).sort()).toEqual([
      'Assessment', 'Audit', 'Certificate', 'ChecklistItem', 'Contract', 'ContractChecklist', 'DeletionCertificate', 'Finding', 'Incident', 'IncidentObligation', 'Questionnaire', 'Subcontractor', 'Vendor',
    ]);
  });

  /** The stored rows of the vendor in a table, found by walking its foreign keys (independently of the subscriber). */
  async function rowsOfVendor(manager: EntityManager, metadata: EntityMetadata): Promise<ObjectLiteral[]> {
    if (metadata.tableName === 'vendors') return manager.find(metadata.target, { where: { id: vendorId } });
    if (metadata.findColumnWithPropertyName('vendorId')) return manager.find(metadata.target, { where: { vendorId } });
    for (const key of metadata.foreignKeys) {
      const parents = await rowsOfVendor(manager, key.referencedEntityMetadata);
      if (parents.length === 0) continue;
      const column = key.columns[0].propertyName;
      return manager.find(metadata.target, { where: { [column]: In(parents.map((parent) => parent[key.referencedColumns[0].propertyName])) } });
    }
    return [];
  }

  /** Runs `write` in a transaction that is rolled back, and returns what it marked. */
  async function marksOf(write: (manager: EntityManager) => Promise<unknown>): Promise<{ vendorIds: string[]; everyVendor: boolean }> {
    let marked: { vendorIds: string[]; everyVendor: boolean } | undefined;
    await expect(
      runInTransaction(t.dataSource, async (manager) => {
        await write(manager);
        marked = pendingVendorChanges(manager);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    return marked!;
  }

  it('marks the vendor when a row of any covered table is updated, by save() and by updateRow()', async () => {
    const covered = t.dataSource.entityMetadatas.filter((metadata) => vendorRouteOf(metadata));
    for (const metadata of covered) {
      const [row] = await rowsOfVendor(t.dataSource.manager, metadata);
      expect([metadata.name, row === undefined ? 'no fixture row: add one to beforeAll' : 'ok']).toEqual([metadata.name, 'ok']);
      const stamp = metadata.columns.find((column) => column.type === 'datetime' && !column.isPrimary);
      expect([metadata.name, stamp ? 'ok' : 'no datetime column to touch: extend this test']).toEqual([metadata.name, 'ok']);
      const touched = () => ({ [stamp!.propertyName]: new Date(Date.now() + 60_000) });
      expect([metadata.name, await marksOf((manager) => manager.save(metadata.target, { ...row, ...touched() }))]).toEqual([metadata.name, { vendorIds: [vendorId], everyVendor: false }]);
      const where = metadata.primaryColumns.map((column) => `${column.propertyName} = :${column.propertyName}`).join(' AND ');
      const identity = Object.fromEntries(metadata.primaryColumns.map((column) => [column.propertyName, row[column.propertyName]]));
      expect([metadata.name, await marksOf((manager) => updateRow(manager, metadata.target, row, touched(), where, identity))]).toEqual([metadata.name, { vendorIds: [vendorId], everyVendor: false }]);
    }
  });

  it('marks the vendor of a new record, and of a changed contract', async () => {
    const marked = await marksOf(async (manager) => {
      await manager.insert(Certificate, Object.assign(new Certificate(), { vendorId, kind: 'iso27001', issuer: null, number: null, scope: null, validUntil: '2031-01-31', version: 1 }));
    });
    expect(marked).toEqual({ vendorIds: [vendorId], everyVendor: false });
    const other = await newVendor(t);
    const contract = await newContract(t, other.id);
    const viaContract = await marksOf((manager) => manager.getRepository(Contract).findOneByOrFail({ id: contract.id }).then((row) => manager.save(Object.assign(row, { title: '変更契約' }))));
    expect(viaContract.vendorIds).toEqual([other.id]);
  });

  it('marks the vendor even when another request opens a query runner in the middle of the transaction', async () => {
    // On SQLite every request shares one connection, and DataSource.createQueryRunner() (any plain
    // dataSource.query() of a concurrent request) used to hand that runner a new EntityManager, so the
    // subscriber's event named a manager that is in no transaction: a 500 for a write under load.
    const marked = await marksOf(async (manager) => {
      await t.dataSource.createQueryRunner().release();
      await manager.createQueryBuilder().insert().into(Certificate)
        .values(Object.assign(new Certificate(), { vendorId, kind: 'soc2', issuer: null, number: null, scope: null, validUntil: '2031-02-28', version: 1 }))
        .execute();
    });
    expect(marked).toEqual({ vendorIds: [vendorId], everyVendor: false });
  });

  it('marks every vendor when the settings change (audit intervals are a fact of each)', async () => {
    const marked = await marksOf((manager) => manager.save(Object.assign(new Setting(), { key: 'supervision', value: {}, version: 1, updatedAt: new Date() })));
    expect(marked.everyVendor).toBe(true);
  });

  it('refuses a write that does not name its row, and one outside runInTransaction()', async () => {
    const [contract] = await rowsOfVendor(t.dataSource.manager, t.dataSource.getMetadata(Contract));
    await expect(
      runInTransaction(t.dataSource, (manager) => manager.createQueryBuilder().update(Contract).set({ title: 'x' }).where('id = :id', { id: contract.id }).execute()),
    ).rejects.toThrow(/Contract was updated without naming its row/);
    await expect(
      runInTransaction(t.dataSource, (manager) => manager.createQueryBuilder().delete().from(Certificate).where('vendorId = :vendorId', { vendorId }).execute()),
    ).rejects.toThrow(/Certificate was deleted without naming its row/);
    expect(await t.dataSource.getRepository(Contract).findOneByOrFail({ id: contract.id })).toMatchObject({ title: contract.title });
    await expect(
      t.dataSource.manager.insert(Certificate, Object.assign(new Certificate(), { vendorId, kind: 'soc2', issuer: null, number: null, scope: null, validUntil: '2031-01-31', version: 1 })),
    ).rejects.toThrow(/Certificate was written outside runInTransaction\(\)/);
  });

  it("deletes a deleted vendor's stored flags with it (the engine recomputes the vendor it no longer finds)", async () => {
    const candidate = await newVendor(t);
    // A flag stored by an earlier evaluation (a candidate's evaluation is informational and may have none today).
    await t.dataSource.getRepository(VendorFlag).insert(Object.assign(new VendorFlag(), {
      vendorId: candidate.id, vendorName: candidate.name, position: 0, code: FLAG_CODES[0], severity: 'critical', severityRank: 0, basis: 'statute', variant: null, clauseType: null,
      requirementIds: [], params: {}, dueDate: null, refType: null, refId: null,
    }));
    const flags = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM vendor_flags WHERE vendorId = ?', [candidate.id]))[0].n);
    expect(await flags()).toBe(1);
    const marked = await marksOf((manager) => manager.findOneByOrFail(Vendor, { id: candidate.id }).then((row) => deleteRow(manager, Vendor, row, 'id = :id', { id: candidate.id })));
    expect(marked.vendorIds).toEqual([candidate.id]);
    await t.http.delete(`/api/v1/vendors/${candidate.id}`).set(...bearer(await t.tokenFor('compliance'))).expect(204);
    expect(await flags()).toBe(0);
  });
});
