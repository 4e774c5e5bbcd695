/**
 * Mollie's wire shapes, from @mollie/api-client's own types. Status and method
 * enums become their string unions so plain string literals compare cleanly.
 */
import type { PaymentData } from '@mollie/api-client/dist/types/data/payments/data';
import type { RefundData } from '@mollie/api-client/dist/types/data/refunds/data';
import type { ChargebackData } from '@mollie/api-client/dist/types/data/chargebacks/Chargeback';
import type { ProfileData } from '@mollie/api-client/dist/types/data/profiles/data';
import type { PaymentLinkData } from '@mollie/api-client/dist/types/data/paymentLinks/data';
import type { MethodData } from '@mollie/api-client/dist/types/data/methods/data';
import type { OrganizationData } from '@mollie/api-client/dist/types/data/organizations/Organizations';
import type { CustomerData } from '@mollie/api-client/dist/types/data/customers/Customer';
import type { MandateData } from '@mollie/api-client/dist/types/data/customers/mandates/data';
import type { Amount } from '@mollie/api-client/dist/types/data/global';
import type { PaymentStatus } from '@mollie/api-client/dist/types/data/payments/data';
import type { RefundStatus } from '@mollie/api-client/dist/types/data/refunds/data';

export type { Amount };
export type PaymentStatusName = `${PaymentStatus}`;
export type RefundStatusName = `${RefundStatus}`;

export type MolliePayment = Omit<PaymentData, 'status' | 'method'> & {
  status: PaymentStatusName;
  method?: string | null;
};
export type MollieRefund = Omit<RefundData, 'status'> & { status: RefundStatusName };
export type MollieChargeback = ChargebackData;
export type MollieProfile = ProfileData;
export type MolliePaymentLink = PaymentLinkData;
export type MollieMethod = Omit<MethodData, 'id'> & { id: string };
export type MollieOrganization = OrganizationData;
export type MollieCustomer = CustomerData;
export type MollieMandate = MandateData;
