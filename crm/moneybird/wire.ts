/** What Moneybird sends back, as far as the app reads it (its OpenAPI document has the rest). */

export interface MoneybirdContact {
  id: string;
  company_name?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  customer_id?: string | null;
  email?: string | null;
  send_invoices_to_email?: string | null;
  contact_people?: { email?: string | null }[];
  sepa_iban?: string | null;
  bank_account?: string | null;
}

export interface MoneybirdPayment {
  id: string;
  transaction_identifier?: string | null;
  price: string | number;
  payment_date: string;
  created_at?: string;
  /** The bank line (financial mutation) the payment is linked to; null for a payment booked without one. */
  financial_mutation_id?: string | null;
  manual_payment_action?: string | null;
}

export interface MoneybirdInvoice {
  id: string;
  contact_id: string;
  invoice_id: string | null;
  state: string;
  currency: string;
  total_unpaid?: string;
  total_price_incl_tax?: string;
  /** Set on a credit invoice: the invoice it credits. */
  original_sales_invoice_id?: string | null;
  payments?: MoneybirdPayment[];
}

export interface MoneybirdAdministration {
  id: string | number;
  name: string;
  currency?: string;
  time_zone?: string | null;
  period_locked_until?: string | null;
}
