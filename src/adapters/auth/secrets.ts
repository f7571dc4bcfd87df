import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import type { Secrets } from "../../services/ports.ts";

/**
 * scrypt cost: N = 2^15, r = 8, p = 1 uses 32 MiB per hash (128·N·r bytes), the memory-hard setting OWASP lists
 * for scrypt. Stored with each hash, so the cost can rise later without breaking old passwords.
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Passwords as "scrypt$N$r$p$salt$hash" (base64url); session tokens of 32 random bytes, stored as SHA-256. */
export function makeSecrets(cost: { N: number; r: number; p: number } = SCRYPT_COST): Secrets {
  return {
    async hashPassword(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, cost);
      return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join("$");
    },
    async verifyPassword(password, storedHash) {
      const [scheme, n, r, p, salt, hash] = storedHash.split("$");
      if (scheme !== "scrypt" || !salt || !hash) return false;
      const expected = Buffer.from(hash, "base64url");
      const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
    newToken: () => randomBytes(32).toString("base64url"),
    digestToken: (token) => createHash("sha256").update(token).digest("hex"),
  };
}
