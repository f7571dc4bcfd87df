import type { SpecialtyMapping } from "./types.ts";

/** What the matcher needs to know about a disputed item. */
export type ItemForMatching = { request: string; treatmentFamily: string | null; kind: string; bodyParts?: string[] };

export type SpecialtyTable = { version: string; mappings: SpecialtyMapping[]; byKind: Record<string, string[]>; fallback: string[] };

/** Lower-cased specialty names compared without "and", "&" and punctuation. */
export function normalizeSpecialty(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The specialties that evaluate or treat an item, best first, and why (LC §139.5(d)(4)(A): a reviewer knowledgeable
 * in the treatment of the condition and about the proposed treatment).
 */
export function specialtiesFor(item: ItemForMatching, table: SpecialtyTable): { specialties: string[]; rationale: string } {
  const family = item.treatmentFamily?.toLowerCase();
  const candidates = table.mappings.filter((m) => family && m.families.some((f) => f.toLowerCase() === family));
  const byPart = candidates.find((m) => m.bodyParts?.some((b) => item.bodyParts?.includes(b)));
  const mapping = byPart ?? candidates.find((m) => !m.bodyParts) ?? candidates[0];
  if (mapping) return { specialties: mapping.specialties, rationale: mapping.rationale };
  const byKind = table.byKind[item.kind];
  if (byKind) return { specialties: byKind, rationale: `No mapping names the family "${item.treatmentFamily ?? "unknown"}"; specialties that usually evaluate ${item.kind} requests are used.` };
  return { specialties: table.fallback, rationale: "No mapping applies; physicians who manage work injuries generally are used." };
}

/** How well a reviewer's specialties fit an item's list: 1 for the first listed, falling for later ones, 0 for none. */
export function specialtyFit(reviewerSpecialties: string[], wanted: string[]): number {
  const mine = new Set(reviewerSpecialties.map(normalizeSpecialty));
  const index = wanted.findIndex((w) => mine.has(normalizeSpecialty(w)));
  return index < 0 ? 0 : 1 - index / (wanted.length + 1);
}
