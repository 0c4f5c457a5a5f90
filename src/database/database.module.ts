import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, DatabaseSchema } from './data-source-options';
import { runPendingMigrations } from './run-migrations';
import { installSqliteGate } from './sqlite-gate';

@Module({})
export class DatabaseModule {
  /** The connection for `schema` (the app's tables, src/app.schema.ts), migrated before anything else uses it. */
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config.database, schema),
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
    };
  }
}
