import { describe, expect, it } from "vitest";
import { makeSecrets } from "./secrets.ts";

describe("secrets", () => {
  const secrets = makeSecrets({ N: 1024, r: 8, p: 1 });

  it("hashes a password with scrypt, a fresh salt and the cost stored beside it", async () => {
    const [a, b] = [await secrets.hashPassword("a long passphrase"), await secrets.hashPassword("a long passphrase")];
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await secrets.verifyPassword("a long passphrase", a)).toBe(true);
    expect(await secrets.verifyPassword("a long passphrasE", a)).toBe(false);
    expect(await secrets.verifyPassword("a long passphrase", "plain-text")).toBe(false);
  });

  it("checks a hash made with other cost parameters by the parameters stored in it", async () => {
    const old = await makeSecrets({ N: 2048, r: 8, p: 1 }).hashPassword("kept across upgrades");
    expect(await secrets.verifyPassword("kept across upgrades", old)).toBe(true);
  });

  it("makes random tokens and stores only their digest", () => {
    const token = secrets.newToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(secrets.digestToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.digestToken(token)).not.toContain(token);
  });
});
