import { ALLOWED, type Allowance } from './allowList';
import type { Violation } from './validator';

/** Kept on globalThis so every module registry of one process (jest's per-file ones included) shares it. */
const KEY = Symbol.for('mollie-crm-zapier.contract-violations');
const store = globalThis as unknown as Record<symbol, Violation[] | undefined>;
const recorded = (): Violation[] => (store[KEY] ??= []);

const allows = (entry: Allowance, violation: Violation) =>
  entry.vendor === violation.vendor &&
  (entry.operation === undefined || entry.operation === violation.operation) &&
  (entry.path === undefined || entry.path.test(violation.path)) &&
  entry.message.test(violation.message);

/** Records what the specs' own known mistakes (the allow-list) do not explain. */
export function recordViolations(violations: Violation[]): void {
  recorded().push(...violations.filter((violation) => !ALLOWED.some((entry) => allows(entry, violation))));
}

/** Returns the violations recorded so far and forgets them. */
export function takeViolations(): Violation[] {
  return recorded().splice(0);
}

export const formatViolation = (v: Violation): string =>
  `${v.vendor} ${v.direction} ${v.method} ${v.path}${v.operation ? ` (spec: ${v.operation})` : ''}${v.status ? ` → ${v.status}` : ''}: ${v.message}`;

export const violationReport = (violations: Violation[]): string =>
  `${violations.length} exchange(s) with the sandbox broke the vendors' OpenAPI specs:\n${violations.map((v) => `  - ${formatViolation(v)}`).join('\n')}`;
