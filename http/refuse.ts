import { errors } from 'zapier-platform-core';

/**
 * Refuses bad input before any request is sent, with a message that starts
 * with the field's label, e.g. "Amount "12,50" uses a comma. …".
 */
export const refuse = (field: string, problem: string, code: 'InvalidInput' | 'InvalidCredential' = 'InvalidInput'): never => {
  throw new errors.Error(`${field} ${problem}`, code, 400);
};
