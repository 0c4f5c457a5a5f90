import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import type { Person } from '../users/users.service';

/** A person on a page: 「佐藤 健一（法務部）」, the department only when there is one (e-mails greet by the name alone). */
export function shownPerson(person: Person, locale: Locale, translator: Translator): string {
  return person.department ? translator.t(locale, 'ui.common.personWithDepartment', { name: person.name, department: person.department }) : person.name;
}

/** People by key (address or id) as pages show them. */
export function shownPeople<K>(people: Map<K, Person>, locale: Locale, translator: Translator): Map<K, string> {
  return new Map([...people].map(([key, person]) => [key, shownPerson(person, locale, translator)]));
}
