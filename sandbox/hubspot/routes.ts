import { Router, type Handler, type SandboxResponse } from '../http';

/** HubSpot's error body. */
export const hubspotError = (status: number, message: string, category: string): SandboxResponse => ({
  status,
  body: { status: 'error', message, correlationId: '00000000-0000-4000-8000-000000000000', category },
  headers: { 'Content-Type': 'application/json' },
});

export interface HubspotAccount {
  portalId: number;
  tokens: string[];
}

/** The fake HubSpot API: the endpoints the app uses, behind a private-app token. */
export function hubspotRoutes(account: HubspotAccount): Handler {
  const router = new Router().add('GET', '/account-info/v3/details', () => ({
    status: 200,
    body: { portalId: account.portalId, accountType: 'STANDARD', timeZone: 'Europe/Amsterdam', companyCurrency: 'EUR', uiDomain: 'app-eu1.hubspot.com', dataHostingLocation: 'eu1' },
    headers: { 'Content-Type': 'application/json' },
  }));
  return (req) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !account.tokens.includes(token)) {
      return hubspotError(401, 'Authentication credentials not found. This API supports OAuth 2.0 authentication.', 'INVALID_AUTHENTICATION');
    }
    return router.handle(req) ?? hubspotError(404, `No route for ${req.method} ${req.path}`, 'OBJECT_NOT_FOUND');
  };
}
