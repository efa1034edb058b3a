// The data folder's lock: refused while its holder runs, taken over when the holder has ended or its id now
// belongs to another process (after a crash and a restart of the machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireDataDirLock } from './data-dir-lock.js';
import { DatabaseStartError } from './errors.js';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'divert-lock-'));

test('a second lock on the folder is refused while the first is held, and taken once it is released', () => {
  const dir = folder();
  const release = acquireDataDirLock(dir);
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    // The lock as a live process other than this one would have written it.
    const mine = fs.readFileSync(path.join(dir, 'divert.lock'), 'utf8');
    release();
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    fs.writeFileSync(path.join(dir, 'divert.lock'), `${child.pid} ${boot}/${start}`);
    assert.ok(mine.startsWith(`${process.pid} `), 'the lock names this process and its start');
    assert.throws(() => acquireDataDirLock(dir), (e: unknown) => e instanceof DatabaseStartError && e.message.includes(`pid ${child.pid}`));
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a lock whose process id now belongs to another process is stale, and is taken over', () => {
  const dir = folder();
  try {
    // Process 1 is alive, but it is not the process that wrote this lock (its start time differs).
    fs.writeFileSync(path.join(dir, 'divert.lock'), `1 ${fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/999999999999`);
    const release = acquireDataDirLock(dir);
    release();
    fs.writeFileSync(path.join(dir, 'divert.lock'), '1 00000000-0000-0000-0000-000000000000/1');
    acquireDataDirLock(dir)();
    assert.equal(fs.existsSync(path.join(dir, 'divert.lock')), false, 'released');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a lock left by a process that has ended is taken over', () => {
  const dir = folder();
  try {
    fs.writeFileSync(path.join(dir, 'divert.lock'), '2147483646');
    acquireDataDirLock(dir)();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
