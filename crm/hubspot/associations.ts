/**
 * Which associations of a deal are the app's. HubSpot cannot tell an association the app made
 * from one a person added, so the deal itself says which account the app linked
 * (LINKED_ACCOUNT_PROPERTY): a corrected account moves that association only, never one a person added.
 */

/** The deal property naming the account this app associated the deal with. */
export const LINKED_ACCOUNT_PROPERTY = 'mollie_linked_account';

export interface AssociationChange {
  /** Whether recording changes the deal's associations or the property. */
  changes: boolean;
  /** The property's new value ('' when the app owns no association), undefined to leave it as it is. */
  owned: string | undefined;
  /** The account to associate, when it is not associated yet. */
  link: string | undefined;
  /** The account whose association the app made and now removes. */
  unlink: string | undefined;
}

/**
 * What recording the deal on `accountId` changes. The app links the account when it is not linked
 * yet (and then owns that association), and removes only the association it made itself for
 * another account. The corrected account, when a person linked it already, is not the app's to
 * remove later. `previous` is the property as read; `linked` the accounts the deal is associated with.
 */
export const associationChange = (
  previous: string | null | undefined,
  linked: string[],
  accountId: string | undefined,
): AssociationChange => {
  const made = previous || undefined;
  if (!accountId) return { changes: false, owned: undefined, link: undefined, unlink: undefined };
  const link = linked.includes(accountId) ? undefined : accountId;
  const unlink = made && made !== accountId && linked.includes(made) ? made : undefined;
  const owned = link ?? (made === accountId ? accountId : '');
  return { changes: Boolean(link || unlink) || (made ?? '') !== owned, owned, link, unlink };
};
