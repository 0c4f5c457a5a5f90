import { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { AppConfig } from '../config/app-config';
import { Locale } from '../i18n/locale';
import { dateTimeText } from '../i18n/date-time';
import { Role } from '../common/access-policy';
import { CAPABILITIES, Capability } from './capabilities';
import { countriesFieldText, countryFieldText } from './country-fields';
import { CLAUSE_TYPES } from '../rules/clause-types';

/** Each clause type's title in each language, by code. */
const CLAUSE_TITLES = new Map(CLAUSE_TYPES.map((clauseType) => [clauseType.code, { ja: clauseType.titleJa, en: clauseType.titleEn }]));

/** templates/ at the project root, found from here in src/ (tests) and in dist/src/ (built). */
export function templatesRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'templates', 'views'))) {
    const parent = join(folder, '..');
    if (parent === folder) throw new Error('templates/views not found above ' + __dirname);
    folder = parent;
  }
  return join(folder, 'templates');
}

type HelperOptions = { hash: Record<string, unknown>; data: { root: { locale?: Locale; user?: { role: Role } } } };

/**
 * Server-rendered pages: Handlebars (hbs) views in templates/views (layout, partials, pages), CSS
 * from templates/public under /assets (no CDN; CSP allows no inline script). Templates are compiled
 * once and cached. `{{t "ui.key" name=value}}` renders a catalogue message in the page's locale.
 */
export function configureViews(app: NestExpressApplication): void {
  const root = templatesRoot();
  const views = join(root, 'views');
  const translator = app.get(Translator);
  // Timestamps are shown as the organisation's wall clock (ORG_TIMEZONE), like its calendar dates:
  // 2026年11月30日 14:05 on a Japanese page, 2026-11-30 14:05 on an English one.
  const timeZone = app.get(AppConfig).orgTimezone;
  const wallClockText = (value: string | Date, locale: Locale) => dateTimeText(value, locale, timeZone);
  const instance = hbs.create();
  registerPartials(instance, join(views, 'partials'));
  const helpers: Record<string, (...args: any[]) => unknown> = {
    t(key: string, options: HelperOptions) {
      const params = Object.fromEntries(Object.entries(options.hash).map(([name, value]) => [name, value == null ? '' : (value as string | number)]));
      return translator.t(options.data.root.locale ?? 'ja', key as MessageKey, params);
    },
    /** `{{clauseTitle clauseType}}`: a clause type by its title in the page's language (never its code). */
    clauseTitle(code: string, options: HelperOptions) {
      const titles = CLAUSE_TITLES.get(code);
      return titles ? titles[options.data.root.locale ?? 'ja'] : code;
    },
    /** `{{#if (can "writeVendors")}}`: what the signed-in user's role may do (see capabilities.ts). */
    can(capability: Capability, options: HelperOptions) {
      const role = options.data.root.user?.role;
      return role ? CAPABILITIES[capability].includes(role) : false;
    },
    eq: (a: unknown, b: unknown) => a === b,
    includes: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
    concat: (...parts: unknown[]) => parts.slice(0, -1).join(''),
    /** `{{countryName code}}`, `{{countryNames codes}}`: ISO 3166-1 codes as names in the page's language (日本、シンガポール). */
    countryName: (code: string, options: HelperOptions) => countryFieldText(code, options.data.root.locale ?? 'ja'),
    countryNames: (codes: string[], options: HelperOptions) => countriesFieldText(codes ?? [], options.data.root.locale ?? 'ja'),
    dateTime: (value: string | Date | null | undefined, options: HelperOptions) => (value ? wallClockText(value, options.data.root.locale ?? 'ja') : ''),
  };
  for (const [name, helper] of Object.entries(helpers)) instance.registerHelper(name, helper);
  app.engine('hbs', instance.__express);
  app.setViewEngine('hbs');
  app.setBaseViewsDir(views);
  app.set('view options', { layout: 'layouts/main' });
  app.set('view cache', true);
  app.useStaticAssets(join(root, 'public'), { prefix: '/assets/', maxAge: '1h', index: false });
}

/** Partials are registered synchronously (hbs' own registerPartials walks the folder asynchronously). */
function registerPartials(instance: ReturnType<typeof hbs.create>, folder: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  for (const file of walk(folder).filter((name) => name.endsWith('.hbs'))) {
    instance.registerPartial(relative(folder, file).replace(/\\/g, '/').replace(/\.hbs$/, ''), readFileSync(file, 'utf8'));
  }
}
