import type { ZObject } from 'zapier-platform-core';
import type { MollieClient } from '../mollie/client';
import type { MolliePayment } from '../mollie/types';

/** The Mollie payment a step was given; the step stops (NotFound, the field named) when this connection has no such payment. */
export const stepPayment = async (
  z: ZObject,
  mollie: MollieClient,
  id: string,
  field = 'Mollie payment ID',
): Promise<MolliePayment> => {
  const payment = await mollie.payments.get(id);
  if (!payment)
    throw new z.errors.Error(
      `${field}: Mollie has no payment ${id} (with this connection's key and mode).`,
      'NotFound',
      404,
    );
  return payment;
};
