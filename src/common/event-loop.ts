import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work on the request thread (an import validating 20,000 rows; on SQLite every query, which
 * better-sqlite3 runs synchronously) must let other requests in now and then: a health probe or a
 * stylesheet may not wait seconds behind it. `pause()` gives the event loop one turn when `sliceMs`
 * have passed since the last one, and costs nothing otherwise.
 */
export function eventLoopTurns(sliceMs = 20): { pause(): Promise<void> | undefined } {
  let since = performance.now();
  return {
    pause() {
      if (performance.now() - since < sliceMs) return undefined;
      return nextTurn().then(() => {
        since = performance.now();
      });
    },
  };
}
