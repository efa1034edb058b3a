// The embedded engine allows one process per data folder: a lock file says which process has it.
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

/** Takes the data folder's lock or throws a DatabaseStartError naming the process that holds it. Returns the release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'divert.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseStartError(`Cannot write to the data folder ${dataDir}: ${(error as Error).message}. Set DIVERT_DATA_DIR to a folder you can write to.`);
      }
      const holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new DatabaseStartError(
          `The data folder ${dataDir} is in use by another Divert process (pid ${holder}). Stop that process, or set DIVERT_DATA_DIR to another folder.`,
        );
      }
      fs.rmSync(lockFile, { force: true }); // left behind by a process that has ended
    }
  }
  throw new DatabaseStartError(`Cannot lock the data folder ${dataDir}. Check no other Divert process is using it.`);
}
