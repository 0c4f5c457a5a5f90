import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * "Is the database there?" without queueing behind a long transaction. On SQLite the app runs one
 * transaction at a time on its single connection (database/transactions.ts), so a probe sent through
 * TypeORM would wait for a 20,000-row import to commit; `SELECT 1` reads no table, so it asks
 * better-sqlite3 directly (synchronously, between the transaction's statements, changing nothing).
 * MySQL/MariaDB probes take a pooled connection of their own, through Terminus.
 */
@Injectable()
export class DatabasePing {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly typeorm: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    if (this.dataSource.options.type !== 'better-sqlite3') return this.typeorm.pingCheck(key, { timeout: 3000 });
    const indicator = this.indicators.check(key);
    try {
      const connection = (this.dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): { get(): unknown } } }).databaseConnection;
      connection.prepare('SELECT 1').get();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
