import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { AppError } from "../../services/errors.ts";

/** The file that says which process has the embedded data directory open. */
export const LOCK_FILE = "openimr.lock";

type LockInfo = { pid: number; host: string; since: string };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as LockInfo;
    return typeof info.pid === "number" ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory for this process: PGlite has no lock between processes, and two processes on one
 * directory silently lose writes. The lock file (created with O_EXCL) holds our PID; a lock left by a process that
 * no longer runs on this host is stale and is taken over. Returns the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies LockInfo));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(path);
      const stale = holder === undefined ? false : holder.host === hostname() && holder.pid !== process.pid && !isRunning(holder.pid);
      if (stale) {
        rmSync(path, { force: true });
        continue;
      }
      const who = holder ? `process ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`} (since ${holder.since})` : "another process";
      throw new AppError(
        "DATA_DIR_LOCKED",
        `The data directory ${dir} is in use by ${who}. Stop that process (for example a running "openimr serve"), use another --data directory, or set DATABASE_URL to share a PostgreSQL server.`,
      );
    }
  }
  throw new AppError("DATA_DIR_LOCKED", `Could not take the lock on ${dir}.`);
}
