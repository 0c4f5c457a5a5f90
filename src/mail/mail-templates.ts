import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** templates/ at the project root, found from here in src/ (tests) and in dist/src/ (built). */
function templatesRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'templates', 'emails'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('templates/emails not found above ' + __dirname);
    folder = parent;
  }
  return join(folder, 'templates', 'emails');
}

/** Handlebars e-mail templates, HTML and plain text, per locale: templates/emails/<locale>/<name>.{html,text}.hbs */
@Injectable()
export class MailTemplates {
  private readonly root = templatesRoot();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  render(locale: string, name: string, context: object): { html: string; text: string } {
    return { html: this.template(locale, name, 'html')(context), text: this.template(locale, name, 'text')(context) };
  }

  private template(locale: string, name: string, format: 'html' | 'text'): Handlebars.TemplateDelegate {
    const key = `${locale}/${name}.${format}`;
    let template = this.compiled.get(key);
    if (!template) {
      const source = readFileSync(join(this.root, locale, `${name}.${format}.hbs`), 'utf8');
      // Plain text is not HTML: no escaping there; the HTML version escapes every value.
      template = Handlebars.compile(source, { noEscape: format === 'text', strict: true });
      this.compiled.set(key, template);
    }
    return template;
  }
}
