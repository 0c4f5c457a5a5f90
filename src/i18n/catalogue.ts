import { en } from './en';

/** The catalogue's shape: the English catalogue's keys, every leaf a string. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Catalogue = Shape<typeof en>;
