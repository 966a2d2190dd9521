/**
 * Picks up an admin's edits of intents/ and knowledge/ however they reach the disk: an editor's
 * save (write to a temp file, rename over the old one), `sed -i`, `git checkout`, `git pull`.
 *
 * The content hash of every file is the truth: it is compared on a short poll, and a change
 * notice from fs.watch only makes the next comparison come sooner. fs.watch alone is not enough:
 * once a watched file is replaced by a rename, the watch can follow the old inode and miss every
 * later edit, and network or container file systems may send no notices at all.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A short hash of the paths and contents of every file below `dirs` (missing dirs count as empty). */
export function knowledgeVersion(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const file of listFiles(dir)) hashFile(hash, dir, file, readOrNull(file));
    hash.update('\u0001');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * knowledgeVersion without blocking the event loop: the same hash, with each file read
 * asynchronously and hashed on its own, so the poll below costs the requests being answered a few
 * small slices (the listing, then a file each) instead of one pause of 2-2.5 ms every second (the
 * shipped tree is some 70 files and 700 kB).
 */
export async function knowledgeVersionAsync(dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const file of listFiles(dir))
      hashFile(hash, dir, file, await readFile(file).catch(() => null));
    hash.update('\u0001');
  }
  return hash.digest('hex').slice(0, 16);
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/** `content` null: deleted between the listing and the read; the next poll sees the settled tree. */
function hashFile(hash: Hash, dir: string, file: string, content: Buffer | null): void {
  hash.update(path.relative(dir, file));
  hash.update('\0');
  hash.update(content ?? '(unreadable)');
  hash.update('\0');
}

function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    // Editors' swap and backup files are not knowledge.
    if (name.startsWith('.') || name.endsWith('~')) continue;
    const full = path.join(dir, name);
    let isDirectory = false;
    try {
      isDirectory = statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (isDirectory) files.push(...listFiles(full));
    else files.push(full);
  }
  return files;
}

export interface KnowledgeWatchOptions {
  readonly dirs: readonly string[];
  /** The version the running bot was built from. */
  readonly initialVersion: string;
  /** Called with the new version once the files have stayed the same for `settleMs`. */
  readonly onChange: (version: string) => void;
  /** How often the hash is compared when no change notice comes. Default 1,000 ms. */
  readonly pollMs?: number;
  /** A burst of writes (a `git checkout` of many files) is one change. Default 200 ms. */
  readonly settleMs?: number;
}

/** Starts watching; returns the function that stops it. */
export function watchKnowledge(options: KnowledgeWatchOptions): () => void {
  const pollMs = options.pollMs ?? 1000;
  const settleMs = options.settleMs ?? 200;
  let known = options.initialVersion;
  let soon: NodeJS.Timeout | undefined;
  let stopped = false;
  // One comparison at a time; a notice that comes during one runs another after it.
  let comparing = false;
  let again = false;
  const compare = async (): Promise<void> => {
    const version = await knowledgeVersionAsync(options.dirs);
    if (stopped || version === known) return;
    // Wait until the tree stops changing, so a half-written checkout is not loaded.
    clearTimeout(soon);
    soon = setTimeout(() => void settle(version), settleMs);
  };
  const settle = async (version: string): Promise<void> => {
    const settled = await knowledgeVersionAsync(options.dirs);
    if (stopped || settled === known) return;
    if (settled !== version) return check();
    known = settled;
    options.onChange(settled);
  };
  const check = (): void => {
    if (comparing) {
      again = true;
      return;
    }
    comparing = true;
    void compare().finally(() => {
      comparing = false;
      if (again && !stopped) {
        again = false;
        check();
      }
    });
  };
  const poll = setInterval(check, pollMs);
  poll.unref();
  const watchers: FSWatcher[] = [];
  for (const dir of options.dirs) {
    try {
      const watcher = watch(dir, { recursive: true }, () => {
        clearTimeout(soon);
        soon = setTimeout(check, settleMs);
      });
      // A watch that breaks (the folder itself replaced) leaves the poll to do the work.
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // No change notices on this file system: the poll alone picks edits up.
    }
  }
  return () => {
    stopped = true;
    clearInterval(poll);
    clearTimeout(soon);
    for (const watcher of watchers) watcher.close();
  };
}
