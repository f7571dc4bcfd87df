// What the sign-in and user API accepts. Strict schemas: unknown fields are refused.
import { z } from "zod";
import type { NewUser } from "../services/accounts.ts";

export const LoginBody = z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1000) });

export const NewUserBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  role: z.enum(["staff", "reviewer", "party"]),
  staffRole: z.enum(["intake", "medical-director", "admin"]).optional(),
  reviewerId: z.string().trim().min(1).optional(),
  caseId: z.string().trim().min(1).optional(),
  partyKind: z.enum(["employee", "representative", "claims-administrator", "treating-physician"]).optional(),
}) satisfies z.ZodType<NewUser>;
