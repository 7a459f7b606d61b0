import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the battery's own, in a temporary folder, that it may stop and start at
 * will: restarting the shared server (127.0.0.1:5432) would fail every other suite using it at
 * that moment. initdb and pg_ctl come from the installed PostgreSQL (Debian's
 * /usr/lib/postgresql/<version>/bin, or pg_config --bindir). PostgreSQL refuses to run as root, so
 * as root (CI, this machine) they run as the `postgres` user through runuser.
 */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres, trust authentication. */
  url: string;
  /** A fast stop (pg_ctl stop -m fast: sessions get 57P01, then the sockets close), waiting until it is down. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data, waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** Why a private PostgreSQL cannot be made here, or undefined when it can. */
export async function privatePostgresUnavailable(): Promise<string | undefined> {
  const bin = await findBinDir();
  if (!bin) return 'no initdb/pg_ctl found (looked in /usr/lib/postgresql/*/bin and pg_config --bindir)';
  if (process.getuid?.() === 0) {
    try {
      await run('runuser', ['-u', 'postgres', '--', 'true']);
    } catch (error) {
      return `running as root, but "runuser -u postgres" fails: ${String(error)}`;
    }
  }
  return undefined;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await findBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-crash-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('chown', ['postgres:postgres', folder]);
  const asOwner = (command: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args])
      : run(path.join(bin, command), args);
  const data = path.join(folder, 'data');
  // --no-sync only spares initdb's own fsyncs; the server runs with fsync and synchronous_commit on.
  await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=50`;
  const start = async () => {
    await asOwner('pg_ctl', ['-D', data, '-l', path.join(folder, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await asOwner('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', mode, 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop('immediate').catch(() => {});
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function findBinDir(): Promise<string | undefined> {
  const candidates: string[] = [];
  try {
    candidates.push((await run('pg_config', ['--bindir'])).stdout.trim());
  } catch {
    // No pg_config: Debian's versioned folders below.
  }
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debian, version, 'bin')));
  }
  return candidates.find(
    (folder) => fs.existsSync(path.join(folder, 'initdb')) && fs.existsSync(path.join(folder, 'pg_ctl')),
  );
}

/** A TCP port nobody listens on now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
