// The embedded engine allows one process per data folder: a lock file says which process has it.
// A process id alone is not enough: after a crash and a restart of the machine the id may belong to an
// unrelated process, so the lock also records the machine's boot and the process's start time (Linux).
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseStartError } from './errors.js';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const readOr = (file: string, fallback: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
};

/** Which start of the machine and of the process this is: '' where the system does not say (not Linux). */
function processIdentity(pid: number): string {
  const boot = readOr('/proc/sys/kernel/random/boot_id', '').trim();
  const stat = readOr(`/proc/${pid}/stat`, '');
  // Field 22 is the start time; the command name (field 2) may hold spaces and parentheses, so count after its ')'.
  const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  return boot && startTime ? `${boot}/${startTime}` : '';
}

/** Whether the lock's holder is still the process that wrote it. */
function holderIsAlive(lock: string): { pid: number; alive: boolean } {
  const [pidText = '', identity = ''] = lock.trim().split(' ');
  const pid = Number.parseInt(pidText, 10);
  if (!Number.isInteger(pid) || pid === process.pid || !processIsAlive(pid)) return { pid, alive: false };
  // A lock that names its holder's start is stale when a different process now has that id.
  if (identity !== '') {
    const now = processIdentity(pid);
    if (now !== '' && now !== identity) return { pid, alive: false };
  }
  return { pid, alive: true };
}

/** Takes the data folder's lock or throws a DatabaseStartError naming the process that holds it. Returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'divert.lock');
  const content = `${process.pid} ${processIdentity(process.pid)}`.trim();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, content, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === content) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseStartError(`Cannot write to the data folder ${dataDir}: ${(error as Error).message}. Set DIVERT_DATA_DIR to a folder you can write to.`);
      }
      const holder = holderIsAlive(readOr(lockFile, ''));
      if (holder.alive) {
        throw new DatabaseStartError(
          `The data folder ${dataDir} is in use by another Divert process (pid ${holder.pid}). Stop that process, or set DIVERT_DATA_DIR to another folder.`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // left behind by a process that has ended
    }
  }
  throw new DatabaseStartError(`Cannot lock the data folder ${dataDir}. Check no other Divert process is using it.`);
}
