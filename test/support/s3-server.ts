import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real S3 implementation for the tests: s3rver (a pure-JS S3 server that keeps objects in a
 * folder), started in-process or as a child process that a test can kill. Its API is untyped.
 */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

export const S3_BUCKET = 'oversight-documents';
export const S3_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** The app's environment for the S3 driver against a server at that port. */
export function s3Environment(port: number, prefix = 'evidence/'): Record<string, string> {
  return {
    FILES_URL: `s3://${S3_BUCKET}/${prefix}`,
    FILES_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    FILES_S3_REGION: 'ap-northeast-1',
    FILES_S3_ACCESS_KEY_ID: S3_KEY.accessKeyId,
    FILES_S3_SECRET_ACCESS_KEY: S3_KEY.secretAccessKey,
  };
}

export interface TestS3Server {
  port: number;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** s3rver in this process, on a free port, in a fresh folder (removed by stop()). */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'oversight-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: S3_BUCKET }] });
  const { port } = await server.run();
  return {
    port,
    env: s3Environment(port),
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** s3rver as its own process, so a test can kill it (SIGKILL) and start it again on the same port and folder. */
export class S3ServerProcess {
  private child?: ChildProcess;
  readonly directory = mkdtempSync(join(tmpdir(), 'oversight-s3-process-'));
  port = 0;

  async start(): Promise<this> {
    const code = `
      const S3rver = require(${JSON.stringify(require.resolve('s3rver'))});
      new S3rver({ port: Number(process.argv[1]), address: '127.0.0.1', silent: true, directory: process.argv[2], configureBuckets: [{ name: process.argv[3] }] })
        .run().then(({ port }) => console.log('listening ' + port), (error) => { console.error(error); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', code, String(this.port), this.directory, S3_BUCKET], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (status) => reject(new Error(`s3rver exited (${status}): ${output}`)));
    });
    return this;
  }

  /** As a crash looks to the app: the process is gone at once, connections reset. */
  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.kill();
    if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/**
 * A TCP relay in front of the S3 server that, once a connection has sent a number of bytes, cuts it
 * and runs a callback (to act in the middle of an upload). New connections go to the target port.
 */
export class TripwireRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private armed: { bytes: number; trip: () => void } | null = null;
  port = 0;

  constructor(private readonly targetPort: () => number) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort(), '127.0.0.1');
      let sent = 0;
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      // Registered before the pipe below, so it sees each chunk first: when it trips, the connection
      // to the server is cut before that chunk is passed on, and the rest never reaches the server.
      client.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (this.armed && sent >= this.armed.bytes) {
          const { trip } = this.armed;
          this.armed = null;
          upstream.destroy();
          trip();
        }
      });
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The next connection that sends `bytes` bytes runs `trip` (once). */
  arm(bytes: number, trip: () => void): void {
    this.armed = { bytes, trip };
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
