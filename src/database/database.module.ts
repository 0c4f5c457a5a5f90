import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runPendingMigrations } from './run-migrations';
import { installSqliteGate } from './transactions';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database),
        // Fail fast at start instead of retrying for minutes; the orchestrator restarts us.
        retryAttempts: 3,
        retryDelay: 1000,
      }),
      // Pending migrations are applied before anything else can touch the database.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runPendingMigrations(dataSource);
        installSqliteGate(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
