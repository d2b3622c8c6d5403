import { normalizePath } from './pathNormalization';

/** A request as the simulator sees it: what a client sends, and who sends it from where. */
export interface SimRequest {
  /** `http` and `https` use the HTTP route table; `tcp` and `tls` are connections. */
  scheme: 'http' | 'https' | 'tcp' | 'tls';
  /** The host part of the URL, lower-cased, without port. */
  host: string;
  /** The destination port (80 for http://, 443 for https:// and tls:// when the URL has none). */
  port: number;
  /** The `:authority` (Host header) as sent: `host[:port]` (curl omits the default port). */
  authority: string;
  method: string;
  /** Path without the query string, as Envoy routes it (normalized: pathNormalization.ts). */
  path: string;
  /** The path as sent, when normalization changed it. */
  rawPath?: string;
  /** The query string without `?`, or '' when absent. */
  query: string;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** TLS SNI (defaults to the host for tls://). */
  sni?: string;
  source: RequestSource;
  /** `mesh` (a sidecar) or an Istio Gateway `namespace/name`. */
  gateway: string;
}

export interface RequestSource {
  namespace: string;
  labels: Record<string, string>;
  /** `namespace/name` of the client pod or workload, when known. */
  workload?: string;
}

export interface RequestInput {
  url: string;
  method?: string;
  headers?: string[] | Record<string, string>;
  sni?: string;
  gateway?: string;
  source?: Partial<RequestSource>;
}

export class RequestError extends Error {}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, tls: 443 };

/** Parses a curl-like request. Throws RequestError with a one-line message on bad input. */
export function parseRequest(input: RequestInput): SimRequest {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(input.url.trim());
  if (!m) throw new RequestError(`malformed URL "${input.url}": expected scheme://host[:port][/path][?query]`);
  const scheme = m[1].toLowerCase();
  if (!['http', 'https', 'tcp', 'tls'].includes(scheme)) throw new RequestError(`unsupported URL scheme "${scheme}": use http://, tcp:// or tls://`);
  const hostPort = m[2];
  const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d*))?$/.exec(hostPort);
  if (!hp || !hp[1]) throw new RequestError(`malformed URL "${input.url}": missing host`);
  const host = hp[1].toLowerCase();
  let port = DEFAULT_PORTS[scheme];
  if (hp[2] !== undefined && hp[2] !== '') {
    port = Number(hp[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RequestError(`malformed URL "${input.url}": bad port ${hp[2]}`);
  }
  if (port === undefined) throw new RequestError(`URL "${input.url}" needs a port for ${scheme}://`);
  const headers = parseHeaders(input.headers ?? []);
  const explicitPort = hp[2] !== undefined && hp[2] !== '' && Number(hp[2]) !== DEFAULT_PORTS[scheme];
  const authority = headers.host ?? (explicitPort ? `${host}:${port}` : host);
  delete headers.host;
  return {
    scheme: scheme as SimRequest['scheme'],
    host,
    port,
    authority,
    method: (input.method ?? 'GET').toUpperCase(),
    ...paths(scheme, m[3] || '/'),
    query: m[4] ?? '',
    headers,
    sni: input.sni ?? (scheme === 'tls' || scheme === 'https' ? host : undefined),
    source: { namespace: input.source?.namespace ?? 'default', labels: Object.assign(Object.create(null) as Record<string, string>, input.source?.labels), workload: input.source?.workload },
    gateway: input.gateway ?? 'mesh',
  };
}

/** HTTP paths are normalized as Envoy does by default before routing; a connection has none. */
function paths(scheme: string, raw: string): { path: string; rawPath?: string } {
  if (scheme !== 'http' && scheme !== 'https') return { path: raw };
  const path = normalizePath(raw);
  return path === raw ? { path } : { path, rawPath: raw };
}

/** Headers (and source labels) are keyed by user data: objects without prototype, so that a header
 *  `constructor` or `__proto__` is looked up as any other name (a plain object answered a missing
 *  `constructor` with Object's function). */
function parseHeaders(h: string[] | Record<string, string>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const entries: [string, string][] = Array.isArray(h)
    ? h.map((line) => {
        const i = line.indexOf(':');
        if (i <= 0) throw new RequestError(`malformed header "${line}": expected 'Name: value'`);
        return [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(h);
  for (const [k, v] of entries) out[k.trim().toLowerCase()] = v.trim();
  return out;
}
