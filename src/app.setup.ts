import { ConsoleLogger, INestApplication, LogLevel } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { createValidationPipe } from './common/validation';
import { refusePrototypeKeys, verifyJsonBody } from './common/json-body';
import { requestLogger } from './common/request-logger';
import { requestContext } from './common/request-context';
import { AppConfig } from './config/app-config';
import { configureViews } from './ui/views';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(config: Pick<AppConfig, 'logFormat' | 'logLevel'>): ConsoleLogger {
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  return config.logFormat === 'json' ? new ConsoleLogger({ json: true, logLevels }) : new ConsoleLogger({ logLevels, prefix: 'Oversight' });
}

/** Everything between "app created" and "listen": shared by main.ts and the e2e tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  // The client's address (sign-in throttling, the audit trail) comes from X-Forwarded-For only when
  // the peer is a proxy the operator named (TRUST_PROXY); by default nobody can choose their own.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // upgrade-insecure-requests only when the app is served over https: on a plain-http intranet host
  // the browser would send the stylesheet and the sign-in form to https://…, where nothing listens.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.appUrl.startsWith('https:') ? [] : null } } }));
  app.useBodyParser('json', { limit: '1mb', verify: verifyJsonBody });
  app.use(refusePrototypeKeys);
  // Admin UI forms (HTML sends strings; page controllers convert them before validating).
  app.useBodyParser('urlencoded', { extended: false, limit: '256kb' });
  app.use(cookieParser());
  app.use(requestLogger);
  app.use(requestContext);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  configureViews(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vendor Oversight API (委託先監督)')
      .setDescription('Supervise the contractors that handle personal data: register, contracts, audits and explained compliance flags.')
      .setVersion('1')
      .addBearerAuth()
      .addServer(config.appUrl)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
