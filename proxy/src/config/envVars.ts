import { z } from 'zod';

/**
 * A whole-number variable: `fallback` when unset or blank, else a whole number from `min` to `max`. `unit` names
 * what it counts in the message ("a whole number of milliseconds from 100 to 120000").
 */
export function wholeNumberVar(fallback: number, min: number, max: number, unit?: string) {
  const message = `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? String(fallback) : value))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, message)
        .transform(Number)
        .refine((n) => n >= min && n <= max, message),
    );
}

/**
 * One line per bad variable: its name, what is wrong and what it got, so one run shows everything to fix.
 * The values of `secrets` are never echoed.
 */
export function envIssueLines(
  error: z.ZodError,
  env: Record<string, string | undefined>,
  secrets: ReadonlySet<string> = new Set(),
): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return secrets.has(name) ? `${name} ${issue.message}` : `${name} ${issue.message} (got "${env[name]}")`;
  });
}
