// Batch drafting throughput: `openimr draft --input cases.jsonl --format jsonl` as a whole process over a batch of
// cases built from the development cases, next to a peer that only reads and re-writes the same JSON lines in one
// Node process (the floor any batch tool pays). Prints items/s for both and the ratio.
// Usage: npm run bench:draft [-- --cases 5000]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedFixture } from "../test/fixtures/shared.ts";

const args = process.argv.slice(2);
const count = Number(args[args.indexOf("--cases") + 1]) || 5000;
const dev: { caseSummary: string; items: { request: string }[] }[] = JSON.parse(readFileSync(sharedFixture("dev-cases.json"), "utf8"));
const dir = mkdtempSync(join(tmpdir(), "openimr-bench-"));
const input = join(dir, "cases.jsonl");
const lines: string[] = [];
let items = 0;
for (let i = 0; i < count; i++) {
  const c = dev[i % dev.length]!;
  items += c.items.length;
  lines.push(JSON.stringify({ id: `bench-${i}`, caseSummary: c.caseSummary, items: c.items }));
}
writeFileSync(input, `${lines.join("\n")}\n`);

function timeRun(command: string, commandArgs: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, commandArgs, { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} exited ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const cli = join(import.meta.dirname, "../bin/openimr.mjs");
const peerScript = "const fs=require('fs');const out=fs.readFileSync(process.argv[1],'utf8').split('\\n').filter(Boolean).map(l=>JSON.stringify(JSON.parse(l))).join('\\n');process.stdout.write(out+'\\n');";
const runs = 3;
const draftTimes: number[] = [];
const peerTimes: number[] = [];
for (let r = 0; r < runs; r++) {
  draftTimes.push(timeRun(process.execPath, [cli, "draft", "--input", input, "--format", "jsonl"]));
  peerTimes.push(timeRun(process.execPath, ["-e", peerScript, input]));
}
rmSync(dir, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const draft = median(draftTimes);
const peer = median(peerTimes);
console.log(`batch of ${count} cases, ${items} disputed items, median of ${runs} runs (whole processes, including start-up)`);
console.log(`  openimr draft --format jsonl   ${draft.toFixed(2)} s   ${Math.round(items / draft)} items/s`);
console.log(`  peer: JSON lines read+write    ${peer.toFixed(2)} s   ${Math.round(items / peer)} items/s`);
console.log(`  ratio draft/peer time          ${(draft / peer).toFixed(1)}x`);
