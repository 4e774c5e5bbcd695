import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { checkExchange, type SpecVendor } from './contract';

/** A parsed incoming request, independent of the API being faked. */
export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The whole URL as the client addressed it: scheme (https through the TLS front), host and port from the Host header. */
  url: URL;
}

/** What a handler (or a fault) answers; objects are sent as JSON. */
export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Real milliseconds to wait before answering (a slow vendor). */
  delayMs?: number;
  /** Close the connection without answering (a dropped connection). */
  drop?: boolean;
  /** On a fault: let the API do the work first, then answer late or drop (the vendor acted, the caller never heard). */
  process?: boolean;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface SandboxServer {
  readonly url: string;
  /** Every request received, in order. */
  readonly requestLog: LoggedRequest[];
  /** Checked before routing; return a response to inject a fault. */
  faults?: (req: SandboxRequest) => SandboxResponse | undefined;
  /**
   * Opens a loopback TLS front for clients that speak only HTTPS (the official Mollie SDK): it ends TLS
   * with the given certificate and hands each connection to this server. Returns its https:// URL.
   */
  serveTls(credentials: TlsCredentials): Promise<string>;
  close(): Promise<void>;
}

/** A PEM private key and certificate (made at test time, e.g. with `selfsigned`). */
export interface TlsCredentials {
  key: string;
  cert: string;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The URL a request addressed: https when it came through the TLS front, the Host header's authority (the listener's when absent or unusable). */
function addressedUrl(incoming: IncomingMessage, port: number): URL {
  const scheme = (incoming.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  const path = incoming.url ?? '/';
  try {
    return new URL(path, `${scheme}://${incoming.headers.host ?? `127.0.0.1:${port}`}`);
  } catch {
    return new URL(path, `${scheme}://127.0.0.1:${port}`);
  }
}

export interface ServerOptions {
  /** The vendor whose OpenAPI spec every exchange is checked against (none for vendors without one). */
  contract?: SpecVendor;
  /** Content-Type of bodies whose handler names none (default application/json). */
  contentType?: string;
}

/** Starts an HTTP server on 127.0.0.1 with a random free port. */
export async function startServer(handler: Handler, options: ServerOptions = {}): Promise<SandboxServer> {
  const requestLog: LoggedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const url = addressedUrl(incoming, port);
      const req: SandboxRequest = {
        method: (incoming.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        url,
      };
      requestLog.push({
        method: req.method,
        path: req.path,
        query: Object.fromEntries(url.searchParams),
        headers: flattenHeaders(incoming.headers),
        body: req.rawBody,
      });
      let injected = false;
      Promise.resolve()
        .then(async (): Promise<SandboxResponse> => {
          const fault = sandbox.faults?.(req);
          injected = Boolean(fault && !fault.process);
          if (fault && !fault.process) return fault;
          const response = await handler(req);
          return fault ? { ...response, delayMs: fault.delayMs, drop: fault.drop } : response;
        })
        .catch((err: unknown): SandboxResponse => ({
          status: 500,
          body: { status: 500, title: 'Internal Server Error', detail: String(err) },
        }))
        .then(async (res) => {
          const text = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          const headers: Record<string, string> = { ...res.headers };
          if (text && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
            headers['Content-Type'] = options.contentType ?? 'application/json';
          }
          // An injected outage is the test's, not the vendor's: only its request is checked.
          if (options.contract) checkExchange(options.contract, { ...req, response: injected ? undefined : { status: res.status, headers, body: text } });
          if (res.delayMs) await new Promise((resolve) => setTimeout(resolve, res.delayMs));
          if (res.drop) {
            incoming.socket.destroy();
            return;
          }
          if (outgoing.destroyed) return;
          outgoing.writeHead(res.status, headers);
          outgoing.end(text);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fronts: Array<ReturnType<typeof createTlsServer>> = [];
  const sandbox: SandboxServer = {
    url: `http://127.0.0.1:${port}`,
    requestLog,
    serveTls: async (credentials) => {
      const front = createTlsServer(credentials, (socket) => server.emit('connection', socket));
      fronts.push(front);
      await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
      return `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
    },
    close: async () => {
      await Promise.all(fronts.map((front) => new Promise<void>((resolve) => front.close(() => resolve()))));
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  return sandbox;
}

export type RouteHandler = (req: SandboxRequest, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>;

/** Minimal method + path-pattern router (`/v2/payments/:id`). */
export class Router {
  private readonly routes: Array<{ method: string; regex: RegExp; names: string[]; handler: RouteHandler }> = [];

  add(method: string, pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), regex: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** Returns undefined when no route matches, so callers can answer 404 in their API's error shape. */
  handle(req: SandboxRequest): SandboxResponse | Promise<SandboxResponse> | undefined {
    for (const route of this.routes) {
      const match = route.method === req.method ? route.regex.exec(req.path) : null;
      if (!match) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
      return route.handler(req, params);
    }
    return undefined;
  }
}

export interface ClientResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Plain node:http client (used for webhook deliveries; avoids fetch so test interceptors pass it through). */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<ClientResponse> {
  return new Promise((resolve, reject) => {
    // One options object, no separate url: zapier-platform-core patches http.request with a (options, callback) signature.
    const target = new URL(url);
    const requestOptions = { protocol: target.protocol, hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}` };
    const req = httpRequest({ ...requestOptions, method: options.method ?? 'GET', headers: options.headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}
