/** Name syntax as Istio's validation checks it (istio/istio pkg/config/labels/instance.go,
 *  pkg/config/validation/agent/validation.go). Each function returns why a name is invalid, or undefined. */

const LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const QUALIFIED = /^(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_KEY = /^([a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*\/)?((?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$/;

export function isDNS1123Label(v: string): boolean {
  return v.length <= 63 && LABEL.test(v);
}

function isWildcardLabel(v: string): boolean {
  return v.length <= 63 && WILDCARD_LABEL.test(v);
}

function checkLength(name: string): string | undefined {
  if (name.length > 255) return `domain name "${name}" is too long (at most 255 characters)`;
  if (name.length === 0) return 'an empty domain name is not allowed';
  return undefined;
}

export function dnsLabelsError(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (/^[+-]?\d+$/.test(tld)) return `domain name "${domain}" is invalid: its top-level domain "${tld}" cannot be all digits`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined; // `istio.io.`
    if (!isDNS1123Label(parts[i])) return `domain name "${domain}" is invalid: label "${parts[i]}" is not a DNS label (letters, digits and '-', at most 63)`;
  }
  return undefined;
}

/** A DNS name whose first label may be a wildcard (`*`, `*.foo.com`, `*-foo.com`). */
export function wildcardDomainError(domain: string): string | undefined {
  const pre = checkLength(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!isWildcardLabel(first)) return `domain name "${domain}" is invalid: label "${first}" is not a DNS label`;
  return dot < 0 ? undefined : dnsLabelsError(domain.slice(dot + 1));
}

export function fqdnError(name: string): string | undefined {
  return checkLength(name) ?? dnsLabelsError(name);
}

export function partialWildcardError(host: string): string | undefined {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.') ? `partial wildcard "${host}" is not allowed` : undefined;
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(s: string): boolean {
  return V4.test(s);
}

export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1];
  const hasV4 = last !== undefined && last.includes('.');
  if (hasV4 && !isIPv4(last)) return false;
  const count = groups.length + (hasV4 ? 1 : 0);
  if (groups.some((g) => !g.includes('.') && !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? count < 8 : count === 8;
}

export function isIPAddress(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** An IP or a CIDR block (pkg/config/validation/agent ValidateIPSubnet). */
export function ipSubnetError(s: string): string | undefined {
  if ((s.match(/\//g) ?? []).length === 1) {
    const [ip, bits] = s.split('/');
    const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
    return max >= 0 && /^\d+$/.test(bits) && Number(bits) <= max ? undefined : `"${s}" is not a valid CIDR block`;
  }
  return isIPAddress(s) ? undefined : `"${s}" is not a valid IP address`;
}

export function portError(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** Kubernetes label keys and values (labels.Instance.Validate). */
export function labelsErrors(labels: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(labels)) {
    const m = LABEL_KEY.exec(k);
    if (!m || (m[1] && m[1].length - 1 > 253) || m[2].length > 63) out.push(`invalid label key "${k}"`);
    const s = typeof v === 'string' ? v : String(v);
    if (s !== '' && !QUALIFIED.test(s)) out.push(`invalid label value "${s}" for key "${k}"`);
  }
  return out;
}

/** Istio protocol names (pkg/config/protocol Parse, case-insensitive). */
export type IstioProtocol = 'TCP' | 'UDP' | 'GRPC' | 'GRPC-Web' | 'HTTP' | 'HTTP_PROXY' | 'HTTP2' | 'HTTPS' | 'TLS' | 'Mongo' | 'Redis' | 'MySQL' | 'Unsupported';

export function parseIstioProtocol(s: string | undefined): IstioProtocol {
  const known: Record<string, IstioProtocol> = {
    tcp: 'TCP', udp: 'UDP', grpc: 'GRPC', 'grpc-web': 'GRPC-Web', http: 'HTTP', http_proxy: 'HTTP_PROXY', http2: 'HTTP2',
    https: 'HTTPS', tls: 'TLS', mongo: 'Mongo', redis: 'Redis', mysql: 'MySQL',
  };
  return known[(s ?? '').toLowerCase()] ?? 'Unsupported';
}

export function protocolIsHTTP(p: IstioProtocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'HTTP_PROXY' || p === 'GRPC' || p === 'GRPC-Web';
}

export function protocolIsTLS(p: IstioProtocol): boolean {
  return p === 'HTTPS' || p === 'TLS';
}
