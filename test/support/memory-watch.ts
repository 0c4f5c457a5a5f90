import { Worker } from 'node:worker_threads';

/**
 * The process's resident memory, sampled every few milliseconds from a worker thread: the main
 * thread may be busy (inflating, parsing) for seconds, and a sampler on its own event loop would
 * miss exactly the peaks that matter. `rss` is the whole process's, whichever thread reads it.
 */
export class MemoryWatch {
  private readonly shared = new BigInt64Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;

  idleBytes = 0;

  private constructor() {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const peak = workerData;
       setInterval(() => { const rss = BigInt(process.memoryUsage.rss()); if (rss > Atomics.load(peak, 0)) Atomics.store(peak, 0, rss); }, 2);`,
      { eval: true, workerData: this.shared },
    );
    this.worker.unref();
  }

  /** Starts watching; the idle figure is taken now, after a garbage collection when it can be asked for. */
  static async start(): Promise<MemoryWatch> {
    // The sampler's own thread is part of "idle".
    const watch = new MemoryWatch();
    await new Promise((resume) => setTimeout(resume, 100));
    await watch.restart();
    return watch;
  }

  /** Takes the idle figure again (e.g. once a test has built its files) and forgets the peak so far. */
  async restart(): Promise<void> {
    (global as { gc?: () => void }).gc?.();
    await new Promise((resume) => setTimeout(resume, 20));
    this.idleBytes = process.memoryUsage.rss();
    Atomics.store(this.shared, 0, BigInt(this.idleBytes));
  }

  /** The highest resident memory seen since start, above the idle figure. */
  peakAboveIdle(): number {
    return Math.max(0, Number(Atomics.load(this.shared, 0)) - this.idleBytes);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

export const MB = 1024 * 1024;
