/** DestinationRule traffic policies (top level, per subset, per port): a policy sets at least one
 *  field; tunnel and proxyProtocol are exclusive; a port-level policy names its port; connection pool
 *  limits are not negative and its durations valid; outlier detection percentages are 0..100 and local
 *  origin failures need splitExternalLocalOriginErrors; consistent-hash, Maglev, locality and warm-up
 *  settings are coherent; client TLS settings do not mix credentialName with files.
 *  Mirrors istio/istio pkg/config/validation/validation.go validateTrafficPolicy,
 *  validatePortTrafficPolicies, validateConnectionPool, validateOutlierDetection, validateLoadBalancer
 *  and agent/validation.go ValidateTLS, ValidateLocalityLbSetting (IST0106 / IST0133). */
import { arr, bool, num, obj, str, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { checkable, firstKeyPath, has, invalid, warning } from '../common/istioReport';
import { checkDuration } from '../virtualservice/httpPolicies';

const POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
const PORT_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

function nonNegative(ctx: AnalysisContext, meta: ResourceMeta, path: Path, o: Obj, fields: string[]): void {
  for (const f of fields) {
    const v = num(o[f]);
    if (v !== undefined && v < 0) invalid(ctx, meta, [...path, f], `\`${f}\` cannot be negative`);
  }
}

function checkPool(ctx: AnalysisContext, meta: ResourceMeta, path: Path, pool: Obj): void {
  const http = obj(pool.http);
  const tcp = obj(pool.tcp);
  if (!http && !tcp) return invalid(ctx, meta, path, 'a connection pool needs `tcp` or `http` settings', { at: 'key' });
  if (http) {
    const p = [...path, 'http'];
    nonNegative(ctx, meta, p, http, ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams']);
    checkDuration(ctx, meta, [...p, 'idleTimeout'], http.idleTimeout);
    if (str(http.h2UpgradePolicy) === 'UPGRADE' && bool(http.useClientProtocol)) invalid(ctx, meta, [...p, 'useClientProtocol'], '`useClientProtocol` cannot be true with `h2UpgradePolicy: UPGRADE`');
    const ka = obj(http.http2KeepAlive);
    if (ka) {
      for (const f of ['interval', 'timeout']) {
        if (ka[f] === undefined) invalid(ctx, meta, [...p, 'http2KeepAlive'], `http2KeepAlive needs \`${f}\``, { at: 'key' });
        else checkDuration(ctx, meta, [...p, 'http2KeepAlive', f], ka[f]);
      }
    }
  }
  if (tcp) {
    const p = [...path, 'tcp'];
    nonNegative(ctx, meta, p, tcp, ['maxConnections']);
    checkDuration(ctx, meta, [...p, 'connectTimeout'], tcp.connectTimeout);
    checkDuration(ctx, meta, [...p, 'maxConnectionDuration'], tcp.maxConnectionDuration);
    checkDuration(ctx, meta, [...p, 'idleTimeout'], tcp.idleTimeout, true);
    const ka = obj(tcp.tcpKeepalive);
    if (ka) for (const f of ['time', 'interval']) checkDuration(ctx, meta, [...p, 'tcpKeepalive', f], ka[f]);
  }
}

function checkOutlier(ctx: AnalysisContext, meta: ResourceMeta, path: Path, od: Obj): void {
  checkDuration(ctx, meta, [...path, 'baseEjectionTime'], od.baseEjectionTime);
  checkDuration(ctx, meta, [...path, 'interval'], od.interval);
  if ((num(od.consecutiveErrors) ?? 0) !== 0) warning(ctx, meta, [...path, 'consecutiveErrors'], '`consecutiveErrors` is deprecated: use `consecutive5xxErrors` or `consecutiveGatewayErrors`', { at: 'key' });
  if (!bool(od.splitExternalLocalOriginErrors) && (num(od.consecutiveLocalOriginFailures) ?? 0) > 0) {
    invalid(ctx, meta, [...path, 'consecutiveLocalOriginFailures'], '`consecutiveLocalOriginFailures` needs `splitExternalLocalOriginErrors: true`', { at: 'key' });
  }
  for (const f of ['maxEjectionPercent', 'minHealthPercent']) {
    const v = num(od[f]);
    if (v !== undefined && (v < 0 || v > 100)) invalid(ctx, meta, [...path, f], `\`${f}\` ${v} must be between 0 and 100`);
  }
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function checkLocality(ctx: AnalysisContext, meta: ResourceMeta, path: Path, lb: Obj, hasOutlier: boolean): void {
  const distribute = arr(lb.distribute);
  const failover = arr(lb.failover);
  if (distribute.length && failover.length) return invalid(ctx, meta, path, '`distribute` and `failover` cannot be set together', { at: 'key' });
  for (const [k, d] of distribute.entries()) {
    const to = obj(obj(d)?.to) ?? {};
    const weights = Object.values(to).map((w) => num(w) ?? 0);
    if (weights.some((w) => w <= 0 || w > 100)) return invalid(ctx, meta, [...path, 'distribute', k, 'to'], 'locality weights must be between 1 and 100');
    const total = weights.reduce((a, b) => a + b, 0);
    if (total !== 100) return invalid(ctx, meta, [...path, 'distribute', k, 'to'], `locality weights add up to ${total}; they must add up to 100`);
  }
  if ((failover.length || arr(lb.failoverPriority).length) && !hasOutlier) warning(ctx, meta, path, 'locality failover needs an outlierDetection policy to take effect', { at: 'key' });
  failover.forEach((f, k) => {
    const from = str(obj(f)?.from) ?? '';
    const to = str(obj(f)?.to) ?? '';
    if (from === to) invalid(ctx, meta, [...path, 'failover', k], 'a locality failover must name two different regions');
    if (from.includes('/') || to.includes('/')) invalid(ctx, meta, [...path, 'failover', k], 'a locality failover names regions only (no zone)');
    if (from.includes('*') || to.includes('*')) invalid(ctx, meta, [...path, 'failover', k], 'a locality failover region cannot contain "*"');
  });
}

function checkLoadBalancer(ctx: AnalysisContext, meta: ResourceMeta, path: Path, lb: Obj, hasOutlier: boolean): void {
  const ch = obj(lb.consistentHash);
  if (ch) {
    const cookie = obj(ch.httpCookie);
    if (cookie && !str(cookie.name)) invalid(ctx, meta, [...path, 'consistentHash', 'httpCookie'], 'an httpCookie needs a `name`', { at: 'key' });
    if ((num(ch.minimumRingSize) ?? 0) !== 0) {
      warning(ctx, meta, [...path, 'consistentHash', 'minimumRingSize'], '`minimumRingSize` is deprecated: use `ringHash.minimumRingSize`', { at: 'key' });
      if (has(ch, 'ringHash') || has(ch, 'maglev')) invalid(ctx, meta, [...path, 'consistentHash', 'minimumRingSize'], 'set only one of `minimumRingSize` and `ringHash`/`maglev`', { at: 'key' });
    }
    const maglev = obj(ch.maglev);
    if (maglev) {
      const size = num(maglev.tableSize) ?? 0;
      if (size === 0) invalid(ctx, meta, [...path, 'consistentHash', 'maglev'], 'maglev needs a `tableSize`', { at: 'key' });
      else if (size >= 5000011) invalid(ctx, meta, [...path, 'consistentHash', 'maglev', 'tableSize'], 'maglev tableSize must be less than 5000011');
      else if (!isPrime(size)) invalid(ctx, meta, [...path, 'consistentHash', 'maglev', 'tableSize'], `maglev tableSize ${size} must be a prime number`);
    }
  }
  if (has(lb, 'localityLbSetting') && has(lb, 'zoneAwareLbSetting')) invalid(ctx, meta, [...path, 'zoneAwareLbSetting'], 'set only one of `localityLbSetting` and `zoneAwareLbSetting`', { at: 'key' });
  const loc = obj(lb.localityLbSetting);
  if (loc) checkLocality(ctx, meta, [...path, 'localityLbSetting'], loc, hasOutlier);
  const warm = obj(lb.warmup);
  if (warm) {
    checkDuration(ctx, meta, [...path, 'warmup', 'duration'], warm.duration); // a missing duration is the schema's error
    // Negative values break the schema's minimum already; 0 passes it but not Istio.
    if (warm.aggression !== undefined && warm.aggression !== null && num(warm.aggression) === 0) invalid(ctx, meta, [...path, 'warmup', 'aggression'], '`aggression` must be greater than 0');
  }
}

function checkTls(ctx: AnalysisContext, meta: ResourceMeta, path: Path, tls: Obj): void {
  const mode = str(tls.mode);
  if (bool(tls.insecureSkipVerify)) {
    if (mode === 'SIMPLE' && (str(tls.caCertificates) || str(tls.credentialName) || has(tls, 'subjectAltNames'))) invalid(ctx, meta, [...path, 'insecureSkipVerify'], 'with `insecureSkipVerify: true`, caCertificates, credentialName and subjectAltNames cannot be set', { at: 'key' });
    if (mode === 'MUTUAL' && (str(tls.caCertificates) || has(tls, 'subjectAltNames'))) invalid(ctx, meta, [...path, 'insecureSkipVerify'], 'with `insecureSkipVerify: true`, caCertificates and subjectAltNames cannot be set', { at: 'key' });
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && str(tls.credentialName)) {
    if (str(tls.clientCertificate) || str(tls.caCertificates) || str(tls.privateKey) || str(tls.caCrl)) invalid(ctx, meta, [...path, 'credentialName'], 'with `credentialName`, the certificates come from the Secret: remove clientCertificate, privateKey, caCertificates and caCrl', { at: 'key' });
    return;
  }
  if (mode === 'MUTUAL') {
    if (!str(tls.clientCertificate)) invalid(ctx, meta, [...path, 'mode'], 'MUTUAL TLS needs `clientCertificate` (or `credentialName`)');
    if (!str(tls.privateKey)) invalid(ctx, meta, [...path, 'mode'], 'MUTUAL TLS needs `privateKey` (or `credentialName`)');
  }
}

function checkPolicy(ctx: AnalysisContext, meta: ResourceMeta, path: Path, tp: Obj): void {
  if (!POLICY_FIELDS.some((f) => has(tp, f))) return invalid(ctx, meta, path, 'an empty trafficPolicy: set at least one of loadBalancer, connectionPool, outlierDetection, tls, portLevelSettings, tunnel, proxyProtocol — or remove it', { at: 'key' });
  if (has(tp, 'tunnel') && has(tp, 'proxyProtocol')) return invalid(ctx, meta, [...path, 'proxyProtocol'], '`tunnel` and `proxyProtocol` cannot be set together', { at: 'key' });
  checkParts(ctx, meta, path, tp);
  arr(tp.portLevelSettings).forEach((raw, k) => {
    const p = obj(raw);
    const at = [...path, 'portLevelSettings', k];
    if (!p) return;
    const first = firstKeyPath(p, at);
    if (!has(p, 'port')) invalid(ctx, meta, first.path, 'a port-level policy needs a `port`', { at: first.at });
    if (!PORT_FIELDS.some((f) => has(p, f))) invalid(ctx, meta, first.path, 'a port-level policy needs at least one of loadBalancer, connectionPool, outlierDetection or tls', { at: first.at });
    else checkParts(ctx, meta, at, p);
  });
  const tunnel = obj(tp.tunnel);
  if (tunnel) {
    const proto = str(tunnel.protocol);
    if (proto && proto !== 'CONNECT' && proto !== 'POST') invalid(ctx, meta, [...path, 'tunnel', 'protocol'], `tunnel protocol "${proto}" must be CONNECT or POST`);
  }
}

function checkParts(ctx: AnalysisContext, meta: ResourceMeta, path: Path, p: Obj): void {
  const od = obj(p.outlierDetection);
  if (od) checkOutlier(ctx, meta, [...path, 'outlierDetection'], od);
  const pool = obj(p.connectionPool);
  if (pool) checkPool(ctx, meta, [...path, 'connectionPool'], pool);
  const lb = obj(p.loadBalancer);
  if (lb) checkLoadBalancer(ctx, meta, [...path, 'loadBalancer'], lb, !!od);
  const tls = obj(p.tls);
  if (tls) checkTls(ctx, meta, [...path, 'tls'], tls);
}

export const destinationRuleTrafficPolicy: Analyzer = {
  name: 'destinationrule.trafficPolicy',
  reads: ['DestinationRule'],
  scope: 'self',
  run(ctx) {
    for (const dr of checkable(ctx, 'DestinationRule')) {
      const spec = obj(dr.meta.raw.spec) ?? {};
      const tp = obj(spec.trafficPolicy);
      if (tp) checkPolicy(ctx, dr.meta, ['spec', 'trafficPolicy'], tp);
      arr(spec.subsets).forEach((s, i) => {
        const stp = obj(obj(s)?.trafficPolicy);
        if (stp) checkPolicy(ctx, dr.meta, ['spec', 'subsets', i, 'trafficPolicy'], stp);
      });
    }
  },
};
