import type { AuthData } from './credentials';

const SECRET_FIELDS = ['mollieCredential', 'crmToken'];

/** Removes every credential of the connection from a text before it is shown or logged. */
export const redactSecrets = (text: string, authData: AuthData): string =>
  SECRET_FIELDS.map((field) => authData[field])
    .filter((secret): secret is string => typeof secret === 'string' && secret.trim().length >= 6)
    .reduce((clean, secret) => clean.split(secret.trim()).join('[redacted]'), text);
