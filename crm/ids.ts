import type { Bundle } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { VENDOR_LABELS } from '../http/endpoints';
import { refuse, refusePlaceholder, refuseUnfilledMapping } from '../http/refuse';
import { shorten } from '../http/text';
import type { CrmName } from './adapter';

/**
 * What a record id looks like in each CRM, checked before any request so that
 * a mistyped or hostile id (`0x1F`, `1e1`, `NaN`, ` 12`, `12.0`, `-3`, `١٢`)
 * never reaches a filter, a path or a number conversion and never credits
 * another account. Every operation and every adapter method goes through here.
 */
export type IdKind = 'account' | 'pipeline' | 'stage';

interface IdForm {
  pattern: RegExp;
  example: string;
}

/** A whole number in ASCII digits: no sign, no leading zero, no decimals or exponent (Pipedrive's within JavaScript's exact integers: it takes numbers). */
const wholeNumber = (maxDigits: number, example: string): IdForm => ({
  pattern: new RegExp(`^[1-9][0-9]{0,${maxDigits - 1}}$`),
  example,
});
/** HubSpot's pipelines and stages are named ("default", "closedwon") or numbered. */
const hubspotName: IdForm = { pattern: /^[A-Za-z0-9_-]{1,64}$/, example: 'default, closedwon or 7654321' };

export const ID_FORMS: Record<CrmName, Record<IdKind, IdForm>> = {
  hubspot: { account: wholeNumber(20, '18390123456'), pipeline: hubspotName, stage: hubspotName },
  // Moneybird ids are 18-digit numbers: kept as text, never converted to a JavaScript number.
  moneybird: { account: wholeNumber(20, '496081520000000001'), pipeline: hubspotName, stage: hubspotName },
  pipedrive: { account: wholeNumber(15, '42'), pipeline: wholeNumber(15, '1'), stage: wholeNumber(15, '3') },
};

const shown = (value: unknown) => JSON.stringify(shorten(String(value), 40));
const MAX_LENGTH = 64;

/** The id as the CRM writes it, or undefined when empty; anything else is refused naming the field. */
export const crmId = (crm: CrmName, kind: IdKind, value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  refuseUnfilledMapping(value, field);
  if (typeof value === 'number' && !Number.isSafeInteger(value))
    return refuse(
      field,
      `${shown(value)} is not a ${VENDOR_LABELS[crm]} record ID: use a whole number such as ${ID_FORMS[crm][kind].example}.`,
    );
  if (typeof value !== 'string' && typeof value !== 'number') return refuse(field, 'must be text.');
  const text = String(value);
  if (text.length > MAX_LENGTH)
    return refuse(
      field,
      `is longer than ${MAX_LENGTH} characters: it is not a ${VENDOR_LABELS[crm]} record ID.`,
    );
  if (text.trim() !== text)
    return refuse(
      field,
      `${shown(value)} has spaces or line breaks around it: a ${VENDOR_LABELS[crm]} record ID has none.`,
    );
  refusePlaceholder(text, field);
  if (!ID_FORMS[crm][kind].pattern.test(text))
    return refuse(
      field,
      `${shown(value)} is not a ${VENDOR_LABELS[crm]} record ID: it looks like ${ID_FORMS[crm][kind].example}.`,
    );
  return text;
};

/** The step's id fields checked for this connection's CRM (the operations call this before any request). */
export const crmIdInput = (
  bundle: Pick<Bundle, 'authData'>,
  kind: IdKind,
  value: unknown,
  field: string,
): string | undefined => crmId(readCredentials(bundle.authData).crm, kind, value, field);

/** The ids a record input carries, checked in the adapter too, so no caller can hand the CRM an id of another form. */
export const checkRecordIds = (
  crm: CrmName,
  input: { accountId?: string; pipelineId?: string; stageId?: string },
): void => {
  crmId(crm, 'account', input.accountId, 'Account ID');
  crmId(crm, 'pipeline', input.pipelineId, 'Pipeline');
  crmId(crm, 'stage', input.stageId, 'Stage');
};
