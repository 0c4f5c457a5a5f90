import { setFlagsFromString } from 'node:v8';
import { nodeOptionsGiven } from '../config/app-config';

/** The old generation may grow to 1.5× what was live after the last full collection (V8's own choice: up to 4×). */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the garbage the app carries between V8's full collections. By default V8 lets the old
 * generation grow to about four times what was live after its last full collection before the next
 * one: a streamed export or an import, which promote short-lived rows steadily, then rose 200–330 MB
 * above idle while what they held stayed 8 MB (export) and 92 MB (import), and the figure changed
 * from run to run with the collector's timing. At 1.5× the peak follows what is held (about 3 % more
 * CPU in full collections, measured). A `--heap-growing-percent` given in NODE_OPTIONS or on the
 * command line wins. Called first thing in main.ts: the flag is read at every full collection.
 */
export function boundHeapGrowth(): void {
  const given = [...process.execArgv, ...nodeOptionsGiven()].some((flag) => flag.startsWith('--heap-growing-percent'));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
