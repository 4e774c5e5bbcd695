/**
 * Teaching the CRM account: the payer's IBAN goes onto an account that holds
 * none, the payer's e-mail is added where the CRM keeps several per account.
 * Nothing is replaced, and nothing is taught that would make a key point to
 * two accounts: what is there is said instead.
 */
import type { AccountLearning, CrmAccount, CrmAdapter } from '../crm/adapter';
import { emailsIn, friendlyIban } from '../matching';
import { line, taught, type Taught } from './lines';

const NO_KEYS = { emails: [], customerIds: [], invoiceNumbers: [] };
const others = (accounts: CrmAccount[], account: CrmAccount) =>
  accounts.filter((other) => other.id !== account.id);
const names = (accounts: CrmAccount[]) => accounts.map((other) => `${other.name} (${other.id})`).join(', ');

/** Teaches the account the payer's IBAN (electronic form) when it holds none. */
export const teachIban = async (
  adapter: CrmAdapter,
  learning: AccountLearning,
  account: CrmAccount,
  iban: string,
): Promise<Taught> => {
  const shown = friendlyIban(iban);
  const held = account.ibans ?? [];
  const holders = async () => others(await adapter.findCandidates({ ...NO_KEYS, ibans: [iban] }), account);
  if (held.includes(iban)) {
    const shared = await holders();
    if (!shared.length)
      return taught(line('iban', iban, 'already there', `${account.name} already holds ${shown}.`));
    return taught(
      line(
        'iban',
        iban,
        'already there',
        `${account.name} already holds ${shown}, and so does ${names(shared)}: it decides nothing alone.`,
      ),
      false,
    );
  }
  if ('missing' in learning.iban)
    return taught(line('iban', iban, 'refused', `Not noted: ${learning.iban.missing}.`));
  if (held.length)
    return taught(
      line(
        'iban',
        iban,
        'refused',
        `${account.name} already holds IBAN ${held.map(friendlyIban).join(', ')}; it was not replaced.`,
      ),
    );
  const shared = await holders();
  if (shared.length)
    return taught(
      line(
        'iban',
        iban,
        'refused',
        `${shown} is the IBAN of ${names(shared)} already; noting it on ${account.name} too would make it point to two accounts.`,
      ),
    );
  await adapter.setAccountIban(account.id, iban);
  return taught(line('iban', iban, 'taught', `Noted as ${learning.iban.where} of ${account.name}.`));
};

/** Adds the payer's e-mail (comparable form) to the account where the CRM keeps several, never replacing one. */
export const teachEmail = async (
  adapter: CrmAdapter,
  learning: AccountLearning,
  account: CrmAccount,
  email: string,
  payerName?: string,
): Promise<Taught> => {
  const holders = async () => others(await adapter.findAccountsByEmail(email), account);
  if (emailsIn(...account.emails).includes(email)) {
    const shared = await holders();
    if (!shared.length)
      return taught(line('email', email, 'already there', `${account.name} already has ${email}.`));
    return taught(
      line(
        'email',
        email,
        'already there',
        `${account.name} already has ${email}, and so does ${names(shared)}: it decides nothing alone.`,
      ),
      false,
    );
  }
  if ('missing' in learning.emails)
    return taught(line('email', email, 'refused', `Not added: ${learning.emails.missing}.`));
  const shared = await holders();
  if (shared.length)
    return taught(
      line(
        'email',
        email,
        'refused',
        `${email} belongs to ${names(shared)} already; adding it to ${account.name} too would make it point to two accounts.`,
      ),
    );
  await adapter.addAccountEmail(account.id, email, payerName);
  return taught(line('email', email, 'taught', `Added as ${learning.emails.where} ${account.name}.`));
};
