import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationError } from '../common/domain-errors';
import { Contract } from '../contracts/contract.entity';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction, touchVendor } from '../database/transactions';
import { CreateCertificateDto, CreateDeletionCertificateDto } from './dto/supervision.dto';
import { Certificate, DeletionCertificate } from './supervision.entities';
import { existingVendor, recordView } from './supervision-support';

/** Third-party certificates and 廃棄証明書 (deletion certificates) of a vendor. */
@Injectable()
export class CertificatesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(vendorId: string) {
    await existingVendor(this.dataSource, vendorId);
    const rows = await this.dataSource.getRepository(Certificate).find({ where: { vendorId }, order: { validUntil: 'DESC' } });
    return rows.map((row) => recordView(row));
  }

  async create(vendorId: string, input: CreateCertificateDto) {
    await existingVendor(this.dataSource, vendorId);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new Certificate(), {
          vendorId, kind: input.kind, issuer: input.issuer ?? null, number: input.number ?? null, scope: input.scope ?? null, validUntil: input.validUntil,
        }),
      );
      await recordCreated(manager, 'certificate', row);
      touchVendor(manager, vendorId);
      return row;
    });
    return recordView(saved);
  }

  async listDeletions(vendorId: string) {
    await existingVendor(this.dataSource, vendorId);
    const rows = await this.dataSource.getRepository(DeletionCertificate).find({ where: { vendorId }, order: { receivedOn: 'DESC' } });
    return rows.map((row) => recordView(row));
  }

  async createDeletion(vendorId: string, input: CreateDeletionCertificateDto) {
    await existingVendor(this.dataSource, vendorId);
    if (input.contractId) {
      const contract = await this.dataSource.getRepository(Contract).findOneBy({ id: input.contractId });
      if (!contract || contract.vendorId !== vendorId) throw new ValidationError([`contractId: ${input.contractId} is not a contract of this vendor`]);
    }
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new DeletionCertificate(), { vendorId, contractId: input.contractId ?? null, receivedOn: input.receivedOn, note: input.note ?? null }),
      );
      await recordCreated(manager, 'deletion-certificate', row);
      touchVendor(manager, vendorId);
      return row;
    });
    return recordView(saved);
  }
}
