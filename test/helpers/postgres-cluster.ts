/**
 * A throw-away PostgreSQL cluster for the tests and `npm run bench:load`: Debian's binaries
 * (/usr/lib/postgresql/<version>/bin, the newest), `initdb` in a temporary directory, the server on
 * a free port of 127.0.0.1 with trust authentication for the role `aftercare`, removed when
 * stopped. PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user
 * Debian's package creates (or `nobody`). Durability settings are off: the cluster lives for one
 * run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ThrowawayCluster {
  /** `postgres://aftercare@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** The bin directory of the newest installed PostgreSQL, or null when there is none. */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.AFTERCARE_PG_BIN;
  if (fromEnv) return existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(base, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Who runs the server: ourselves, or (as root) the `postgres` user, else `nobody`. */
function serverUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (Number.isInteger(uid) && uid > 0) return { uid, gid };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists');
}

function run(
  command: string,
  args: readonly string[],
  user: { uid: number; gid: number } | null,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${path.basename(command)} exited with ${code}:\n${output}`)),
    );
  });
}

export async function startThrowawayCluster(bin = findPostgresBin()): Promise<ThrowawayCluster> {
  if (!bin) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql/*/bin');
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'aftercare-pg-'));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const stopCluster = async (): Promise<void> => {
    await run(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-s'], user).catch(
      () => undefined,
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'aftercare', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      user,
    );
    // A port found free may be taken before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        "-c listen_addresses='127.0.0.1'",
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=300',
        '-c shared_buffers=32MB',
      ].join(' ');
      try {
        await run(
          path.join(bin, 'pg_ctl'),
          [
            'start',
            '-D',
            data,
            '-w',
            '-t',
            '60',
            '-s',
            '-l',
            path.join(dir, 'server.log'),
            '-o',
            options,
          ],
          user,
        );
        return {
          url: `postgres://aftercare@127.0.0.1:${port}/postgres`,
          dir,
          stop: stopCluster,
        };
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    await stopCluster();
    throw error;
  }
}
