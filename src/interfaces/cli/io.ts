import { readFileSync } from "node:fs";
import { AppError } from "../../services/errors.ts";

/** Reads a file, or standard input for "-", naming the file in any error. */
export function readInput(path: string): string {
  try {
    return path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new AppError("INPUT_UNREADABLE", `Cannot read ${path}: ${reason}.`);
  }
}

/** Reads a file's bytes, or standard input for "-", naming the file in any error. */
export function readInputBytes(path: string): Uint8Array {
  try {
    return path === "-" ? readFileSync(0) : readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new AppError("INPUT_UNREADABLE", `Cannot read ${path}: ${reason}.`);
  }
}

/** Parses JSON, or JSON lines when the file name ends in .jsonl (or the text holds several lines of objects). */
export function parseJsonDocuments(text: string, path: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) throw new AppError("INPUT_UNREADABLE", `${path} is empty.`);
  const asLines = path.endsWith(".jsonl") || (!trimmed.startsWith("[") && /}\s*\n\s*{/.test(trimmed));
  if (asLines) {
    return trimmed
      .split(/\r?\n/)
      .map((line, i) => ({ line: line.trim(), i }))
      .filter(({ line }) => line.length > 0)
      .map(({ line, i }) => {
        try {
          return JSON.parse(line);
        } catch (error) {
          throw new AppError("INPUT_UNREADABLE", `${path} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
        }
      });
  }
  try {
    const value = JSON.parse(trimmed);
    return Array.isArray(value) ? value : [value];
  } catch (error) {
    throw new AppError("INPUT_UNREADABLE", `${path} is not valid JSON: ${(error as Error).message}`);
  }
}
