import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '../common/domain-errors';
import { ContractsService } from '../contracts/contracts.service';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { CreateCertificateDto, CreateDeletionCertificateDto } from './dto/supervision.dto';
import { Certificate, DeletionCertificate } from './supervision.entities';
import { recordView } from './supervision-support';
import { VendorsService } from '../vendors/vendors.service';

/** Third-party certificates and 廃棄証明書 (deletion certificates) of a vendor. */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly contracts: ContractsService,
  ) {}

  async list(vendorId: string) {
    await this.vendors.get(vendorId);
    const rows = await this.dataSource.getRepository(Certificate).find({ where: { vendorId }, order: { validUntil: 'DESC' } });
    return rows.map((row) => recordView(row));
  }

  async create(vendorId: string, input: CreateCertificateDto) {
    await this.vendors.get(vendorId);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new Certificate(), {
          vendorId, kind: input.kind, issuer: input.issuer ?? null, number: input.number ?? null, scope: input.scope ?? null, validUntil: input.validUntil,
        }),
      );
      await recordCreated(manager, 'certificate', row);
      return row;
    });
    return recordView(saved);
  }

  async listDeletions(vendorId: string) {
    await this.vendors.get(vendorId);
    const rows = await this.dataSource.getRepository(DeletionCertificate).find({ where: { vendorId }, order: { receivedOn: 'DESC' } });
    return rows.map((row) => recordView(row));
  }

  async createDeletion(vendorId: string, input: CreateDeletionCertificateDto) {
    await this.vendors.get(vendorId);
    if (input.contractId) {
      const contract = await this.contracts.get(input.contractId).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (!contract || contract.vendorId !== vendorId) throw new ValidationError({ field: 'contractId', code: 'not-contract-of-vendor', params: { id: input.contractId } });
    }
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new DeletionCertificate(), { vendorId, contractId: input.contractId ?? null, receivedOn: input.receivedOn, note: input.note ?? null }),
      );
      await recordCreated(manager, 'deletion-certificate', row);
      return row;
    });
    return recordView(saved);
  }
}
