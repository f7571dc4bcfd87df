import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbAuditTrail, DbCaseStore } from "../../src/adapters/db/case-store.ts";
import { LOCK_FILE } from "../../src/adapters/db/lock.ts";
import { databaseTargets, type TestDatabase } from "./databases.ts";

const PAYLOAD_CHARS = 3_000_000;
const PAYLOAD_END = "<<END-OF-RECORD>>";
const CHILD = join(import.meta.dirname, "write-cases-child.ts");

const { targets } = await databaseTargets();

/** Runs the writer and kills it with SIGKILL right after it starts writing case `killAt`; resolves with its output. */
function writeAndKill(location: unknown, killAt: number): Promise<{ lines: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      env: { ...process.env, OPENIMR_TEST_DB: JSON.stringify(location) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: string[] = [];
    let stderr = "";
    let buffer = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (data) => {
      buffer += data;
      const parts = buffer.split("\n");
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line === `begin ${killAt}`) child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve({ lines, signal });
    });
  });
}

describe.each(targets)("a writer killed in the middle of a write on the $name database", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await target.create({ migrate: false });
    await t.db.close(); // the writer opens it; the embedded database allows one process at a time
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("leaves every case either whole with its audit lines or absent", async () => {
    const { lines, signal } = await writeAndKill(t.location, 3);
    expect(signal).toBe("SIGKILL");
    const committed = lines.filter((l) => l.startsWith("committed ")).map((l) => Number(l.split(" ")[1]));
    expect(committed).toEqual([1, 2]);
    if (t.location.kind === "embedded") {
      // The killed process could not remove its lock; the next opener must find it stale and take over.
      expect(JSON.parse(readFileSync(join(t.location.dir, LOCK_FILE), "utf8")).pid).not.toBe(process.pid);
    }
    const db = await t.reopen();
    try {
      const store = new DbCaseStore(db);
      const audit = new DbAuditTrail(db);
      const cases = await store.list();
      const ids = cases.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining(["IMR-CRASH-1", "IMR-CRASH-2"]));
      expect(ids.filter((id) => !["IMR-CRASH-1", "IMR-CRASH-2", "IMR-CRASH-3"].includes(id))).toEqual([]);
      for (const imrCase of cases) {
        const text = imrCase.application.attachments?.[0]?.text ?? "";
        expect(text.length).toBe(PAYLOAD_CHARS);
        expect(text.endsWith(PAYLOAD_END)).toBe(true);
        expect((await audit.listFor("case", imrCase.id)).map((l) => l.action)).toEqual(["received", "screened"]);
      }
      const orphans = await db.query<{ n: number }>("select count(*) as n from audit_log where entity_id not in (select id from cases)");
      expect(orphans[0]!.n).toBe(0);
      // The database still takes writes after the crash.
      const [again] = await db.query<{ n: number }>("select count(*) as n from cases");
      expect(again!.n).toBe(cases.length);
    } finally {
      await db.close();
    }
    if (t.location.kind === "embedded") expect(existsSync(join(t.location.dir, LOCK_FILE))).toBe(false);
  });
});
