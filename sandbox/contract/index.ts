import util from 'node:util';

import { specsPresent, type SpecVendor } from './specs';
import { ContractValidator, type Exchange } from './validator';
import { recordViolations } from './violations';

export type { SpecVendor } from './specs';
export type { Exchange, Violation } from './validator';
export { takeViolations, formatViolation, violationReport } from './violations';

/**
 * Loaded once per process: compiling a vendor's spec takes seconds, and jest gives every test file its
 * own globals and modules. Node's built-in modules are the one thing all of them share, so the cache
 * hangs off one (`node:util`).
 */
const KEY = Symbol.for('mollie-crm-zapier.contract-validators');
const shared = util as unknown as Record<symbol, Map<SpecVendor, ContractValidator | null> | undefined>;
const validators = (shared[KEY] ??= new Map<SpecVendor, ContractValidator | null>());

/** Set SANDBOX_CONTRACT=off to run the fakes unchecked (a timing benchmark, say). */
export const contractChecksOn = () => process.env.SANDBOX_CONTRACT !== 'off';

function validatorFor(vendor: SpecVendor): ContractValidator | null {
  if (!validators.has(vendor)) {
    if (!specsPresent(vendor)) console.warn(`Sandbox contract checks for ${vendor} skipped: its spec is absent from ../shared/specs.`);
    validators.set(vendor, specsPresent(vendor) ? ContractValidator.load(vendor) : null);
  }
  return validators.get(vendor) ?? null;
}

/** Checks one exchange with a fake against the vendor's spec and records what breaks it. */
export function checkExchange(vendor: SpecVendor, exchange: Exchange): void {
  if (!contractChecksOn()) return;
  try {
    const validator = validatorFor(vendor);
    if (validator) recordViolations(validator.check(exchange));
  } catch (error) {
    // A validator failure must not take the fake down with it; it is reported like a violation.
    const message = `the validator failed: ${error instanceof Error ? error.message : String(error)}`;
    recordViolations([{ vendor, direction: 'request', method: exchange.method, path: exchange.path, message }]);
  }
}


