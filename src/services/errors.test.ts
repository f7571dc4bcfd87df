import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERRORS } from "./errors.ts";

const doc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");

describe("the error catalogue", () => {
  it.each(Object.entries(ERRORS))("documents %s in docs/errors.md with its status", (code, { status, meaning }) => {
    expect(meaning.length).toBeGreaterThan(10);
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${status} |`);
  });

  it("lists no code in docs/errors.md that the catalogue does not have", () => {
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.filter((code) => !(code! in ERRORS))).toEqual([]);
  });
});
