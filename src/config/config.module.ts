import { Global, Module } from '@nestjs/common';
import { AppConfig, loadProcessConfig } from './app-config';

/** Provides the validated `AppConfig`; tests replace it with `overrideProvider(AppConfig)`. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: loadProcessConfig }],
  exports: [AppConfig],
})
export class ConfigModule {}
