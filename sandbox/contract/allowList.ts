import type { Violation } from './validator';

/** A known mistake in a vendor's own spec, which the validator should not report. */
export interface Allowance {
  vendor: Violation['vendor'];
  /** The spec operation (`GET /path/{param}`), when the mistake is in one operation. */
  operation?: string;
  path?: RegExp;
  message: RegExp;
  reason: string;
}

export const ALLOWED: Allowance[] = [];
