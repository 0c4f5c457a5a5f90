/**
 * The one message catalogue (ja and en, one file each). Keys are stable; templates use {{name}}
 * placeholders and are filled by the Translator, never assembled by string concatenation.
 */
import type { Catalogue } from './catalogue';
import { en } from './en';
import { ja } from './ja';

export const MESSAGES: Readonly<Record<'ja' | 'en', Catalogue>> = { ja, en };

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the catalogue, checked at compile time. */
export type MessageKey = Leaves<Catalogue>;
