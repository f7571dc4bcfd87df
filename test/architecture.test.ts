import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") || path.endsWith(".tsx") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm), ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
}

describe("layering (ARCHITECTURE.md)", () => {
  it("keeps domain code free of I/O, packages and outer layers", () => {
    const offenders: string[] = [];
    for (const file of files(join(SRC, "domain"))) {
      if (file.endsWith(".test.ts")) continue;
      for (const spec of imports(file)) {
        const inside = spec.startsWith(".") && resolve(file, "..", spec).startsWith(join(SRC, "domain"));
        if (!inside) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("lets services import only domain and services", () => {
    const offenders: string[] = [];
    for (const file of files(join(SRC, "services"))) {
      if (file.endsWith(".test.ts")) continue;
      for (const spec of imports(file)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(SRC, resolve(file, "..", spec));
        if (!target.startsWith("domain") && !target.startsWith("services")) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("lets interfaces reach adapters only through compose.ts", () => {
    const offenders: string[] = [];
    for (const file of files(join(SRC, "interfaces"))) {
      if (file.endsWith(".test.ts")) continue;
      for (const spec of imports(file)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(SRC, resolve(file, "..", spec));
        if (target.startsWith("adapters")) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
