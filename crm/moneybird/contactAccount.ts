import type { CrmAccount, CrmInvoice } from '../adapter';
import { emailsIn } from '../accounts';
import { contactIbans } from './learning';
import type { MoneybirdContact } from './wire';

/** A Moneybird contact as the matching engine sees an account: its name, e-mails, customer ID and IBANs. */
export const contactAccount = (
  contact: MoneybirdContact,
  administrationId: string,
  invoices?: CrmInvoice[],
): CrmAccount => ({
  id: String(contact.id),
  name:
    contact.company_name ||
    [contact.firstname, contact.lastname].filter(Boolean).join(' ') ||
    `Contact ${contact.id}`,
  emails: emailsIn(
    contact.email,
    contact.send_invoices_to_email,
    ...(contact.contact_people ?? []).map((person) => person.email),
  ),
  customerIds: contact.customer_id ? [contact.customer_id] : [],
  ibans: contactIbans(contact),
  url: `https://moneybird.com/${administrationId}/contacts/${contact.id}`,
  ...(invoices ? { invoices } : {}),
});
