import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp, createLogger } from './app.setup';
import { boundHeapGrowth } from './common/heap-growth';
import { loadProcessConfig } from './config/app-config';
import { ConfigError } from './config/environment';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  let config;
  try {
    config = loadProcessConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  configureApp(app, config);
  await app.listen(config.port);
  logger.log({ message: 'listening', url: config.appUrl, database: config.database.kind, timezone: config.orgTimezone }, 'Bootstrap');
}

void bootstrap();
