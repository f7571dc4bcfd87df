/**
 * Counts failed sign-ins per account and per address in a sliding window, in this process's memory: each server
 * process counts on its own and a restart forgets (enough for one server; a shared store would be needed behind a
 * load balancer).
 */
export type LoginLimits = { perAccount: number; perAddress: number; windowMs: number };

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };

export function makeLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < limits.windowMs);
    if (kept.length) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  }

  return {
    /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
    waitMs(account: string, address: string, now: number): number {
      const waits = [
        [recent(`a:${account.toLowerCase()}`, now), limits.perAccount],
        [recent(`i:${address}`, now), limits.perAddress],
      ] as const;
      return Math.max(0, ...waits.map(([times, max]) => (times.length >= max ? times[times.length - max]! + limits.windowMs - now : 0)));
    },
    fail(account: string, address: string, now: number): void {
      for (const key of [`a:${account.toLowerCase()}`, `i:${address}`]) failures.set(key, [...recent(key, now), now]);
    },
    /** A successful sign-in clears the account's failures (not the address's). */
    succeed(account: string): void {
      failures.delete(`a:${account.toLowerCase()}`);
    },
  };
}

export type LoginLimiter = ReturnType<typeof makeLoginLimiter>;
