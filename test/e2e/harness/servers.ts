import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// s3rver and dynalite are CommonJS without types.
// @ts-expect-error no type declarations
import S3rver from 's3rver';
// @ts-expect-error no type declarations
import dynalite from 'dynalite';

export interface LocalServer {
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** s3rver on loopback, a random port, objects in a fresh temporary folder. */
export async function startS3Server(): Promise<LocalServer> {
  const dir = await mkdtemp(join(tmpdir(), 'smartcity-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** dynalite (in memory) on loopback, a random port; tables are ACTIVE at once. */
export async function startDynamoServer(): Promise<LocalServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
