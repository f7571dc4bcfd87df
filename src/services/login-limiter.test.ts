import { describe, expect, it } from "vitest";
import { makeLoginLimiter } from "./login-limiter.ts";

describe("the login limiter", () => {
  const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

  it("blocks an account after its failures fill the window, and lets it in again when they age out", () => {
    const limiter = makeLoginLimiter(limits);
    for (const t of [0, 1000, 2000]) limiter.fail("Clerk", "10.0.0.1", t);
    expect(limiter.waitMs("clerk", "10.0.0.9", 3000)).toBe(57_000);
    expect(limiter.waitMs("clerk", "10.0.0.9", 60_001)).toBe(0);
  });

  it("blocks an address that fails on many accounts", () => {
    const limiter = makeLoginLimiter(limits);
    for (let i = 0; i < 5; i += 1) limiter.fail(`user${i}`, "10.0.0.2", i);
    expect(limiter.waitMs("someone-else", "10.0.0.2", 10)).toBeGreaterThan(0);
    expect(limiter.waitMs("someone-else", "10.0.0.3", 10)).toBe(0);
  });

  it("clears an account's failures after a successful sign-in", () => {
    const limiter = makeLoginLimiter(limits);
    for (const t of [0, 1, 2]) limiter.fail("a", "ip", t);
    limiter.succeed("a");
    expect(limiter.waitMs("a", "other-ip", 3)).toBe(0);
  });
});
