import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { authentication } from './authentication';
import { version } from './package.json';
import { addCredentials, translateVendorErrors } from './http/middleware';
import { followRedirects } from './http/redirects';
import { guardApp } from './http/guard';
import paymentPaid from './triggers/paymentPaid';
import paymentFailed from './triggers/paymentFailed';
import paymentRefunded from './triggers/paymentRefunded';
import chargebackReceived from './triggers/chargebackReceived';
import paymentLinkPaid from './triggers/paymentLinkPaid';
import unmatchedPayment from './triggers/unmatchedPayment';
import paymentPaidInstant from './triggers/paymentPaidInstant';
import paymentFailedInstant from './triggers/paymentFailedInstant';
import paymentRefundedInstant from './triggers/paymentRefundedInstant';
import profiles from './triggers/profiles';
import paymentMethods from './triggers/paymentMethods';
import crmPipelines from './triggers/crmPipelines';
import crmStages from './triggers/crmStages';
import findCrmAccount from './searches/findCrmAccount';
import findCrmPaymentRecord from './searches/findCrmPaymentRecord';
import createCrmAccount from './creates/createCrmAccount';
import createCrmPaymentRecord from './creates/createCrmPaymentRecord';
import createPaymentLink from './creates/createPaymentLink';
import findPaymentLink from './searches/findPaymentLink';
import matchPayment from './searches/matchPayment';
import findPayment from './searches/findPayment';
import settlementPaidOut from './triggers/settlementPaidOut';
import moneybirdFinancialAccounts from './triggers/moneybirdFinancialAccounts';
import moneybirdLedgerAccounts from './triggers/moneybirdLedgerAccounts';
import recordSettlement from './creates/recordSettlement';
import linkPaymentToCrmAccount from './creates/linkPaymentToCrmAccount';
import crmAccounts from './triggers/crmAccounts';

/** Every perform runs under the run's deadline, and no unexpected error carries the bundle (http/guard.ts). */
export default guardApp(
  defineApp({
    version,
    platformVersion,
    authentication,
    beforeRequest: [addCredentials],
    afterResponse: [followRedirects, translateVendorErrors],
    triggers: {
      [paymentPaid.key]: paymentPaid,
      [paymentFailed.key]: paymentFailed,
      [paymentRefunded.key]: paymentRefunded,
      [chargebackReceived.key]: chargebackReceived,
      [paymentLinkPaid.key]: paymentLinkPaid,
      [unmatchedPayment.key]: unmatchedPayment,
      [paymentPaidInstant.key]: paymentPaidInstant,
      [paymentFailedInstant.key]: paymentFailedInstant,
      [paymentRefundedInstant.key]: paymentRefundedInstant,
      [profiles.key]: profiles,
      [paymentMethods.key]: paymentMethods,
      [crmPipelines.key]: crmPipelines,
      [crmStages.key]: crmStages,
      [crmAccounts.key]: crmAccounts,
      [settlementPaidOut.key]: settlementPaidOut,
      [moneybirdFinancialAccounts.key]: moneybirdFinancialAccounts,
      [moneybirdLedgerAccounts.key]: moneybirdLedgerAccounts,
    },
    searches: {
      [findCrmAccount.key]: findCrmAccount,
      [findCrmPaymentRecord.key]: findCrmPaymentRecord,
      [findPaymentLink.key]: findPaymentLink,
      [matchPayment.key]: matchPayment,
      [findPayment.key]: findPayment,
    },
    creates: {
      [createCrmAccount.key]: createCrmAccount,
      [createCrmPaymentRecord.key]: createCrmPaymentRecord,
      [createPaymentLink.key]: createPaymentLink,
      [recordSettlement.key]: recordSettlement,
      [linkPaymentToCrmAccount.key]: linkPaymentToCrmAccount,
    },
    searchOrCreates: {
      [findCrmAccount.key]: {
        key: findCrmAccount.key,
        display: {
          label: 'Find or Create CRM Account',
          description: 'Finds the CRM account by e-mail or customer ID, and creates it when there is none.',
        },
        search: findCrmAccount.key,
        create: createCrmAccount.key,
      },
      [findCrmPaymentRecord.key]: {
        key: findCrmPaymentRecord.key,
        display: {
          label: 'Find or Create CRM Payment Record',
          description:
            'Finds the CRM record of a Mollie payment, and records the payment when there is none.',
        },
        search: findCrmPaymentRecord.key,
        create: createCrmPaymentRecord.key,
      },
      [findPaymentLink.key]: {
        key: findPaymentLink.key,
        display: {
          label: 'Find or Create Payment Link for Invoice',
          description: 'Finds the payment link of an invoice, and creates it when there is none.',
        },
        search: findPaymentLink.key,
        create: createPaymentLink.key,
      },
    },
  }),
);
