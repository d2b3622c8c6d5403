import type { Endpoint } from '../core/routing/destinations';
import type { Distribution } from '../core/routing/sample';
import type { SimResult } from '../core/routing/result';
import { resourceLine } from '../core/routing/json';
import { spanAt } from '../core/model/resource';
import type { Positions } from '../core/workspace/positions';
import { safe } from './terminal';

const ACTION_WORDS: Record<SimResult['action'], string> = {
  route: 'routed',
  redirect: 'redirected',
  directResponse: 'answered directly',
  noRoute: 'no route (404)',
  passthrough: 'passed through to the original destination',
  blackhole: 'blackholed',
  defaultService: 'default Service routing',
};

/** `⚠ 10% of requests fail with 503 (no such cluster), 90% routed`: a routed request is not a
 *  served one when a destination has no cluster or no ready endpoint (Envoy answers 503 for that
 *  share), so the headline says what fails first. */
export function failureHeadline(res: SimResult): string | undefined {
  // A connection without an HTTP answer says so, not "404" or "503".
  if (res.connection) return `⚠ connection ${res.connection}`;
  if (res.action !== 'route' && res.action !== 'defaultService') return undefined;
  const failing = res.destinations.filter((d) => d.missing || !d.endpoints.length);
  if (!failing.length) return undefined;
  const share = failing.reduce((n, d) => n + d.weight, 0);
  const why = [...new Set(failing.map((d) => (d.missing ? 'no such cluster' : 'no ready endpoints')))].join(', ');
  // Istio has Envoy answer 500 for a missing cluster of a Gateway API route (cluster_not_found_response_code).
  const notFound = res.route?.ruleList === 'rules' ? 500 : 503;
  const codes = [...new Set(failing.map((d) => (d.missing ? notFound : 503)))].join(' or ');
  const rest = share >= 100 ? '' : `, ${100 - share}% ${ACTION_WORDS[res.action]}`;
  return `⚠ ${share >= 100 ? 'all requests fail' : `${share}% of requests fail`} with ${codes} (${why})${rest}`;
}

function endpointText(e: Endpoint): string {
  return `${e.pod ?? e.ip ?? 'original destination'}${e.ip && e.pod ? ` ${e.ip}` : ''}:${e.port}${e.fromTemplate ? `  (pods of ${e.fromTemplate})` : ''}`;
}

/** Text for people: the request, each decision with file:line, and the result. */
export function simulateText(res: SimResult, pos: Positions, distribution?: Distribution): string {
  const lines: string[] = [];
  lines.push('Trace:');
  for (const s of res.trace) {
    const where = s.file && s.span ? `${safe(s.file)}:${pos.line(s.file, s.span.start)}` : '';
    lines.push(`  - ${safe(s.message)}${where ? `  [${where}]` : ''}`);
  }
  lines.push('');
  let outcome = `Result: ${failureHeadline(res) ?? ACTION_WORDS[res.action]}`;
  if (res.status !== null) outcome += `, status ${res.status}`;
  lines.push(outcome);
  if (res.virtualService) {
    const m = res.virtualService.meta;
    const idx = res.httpRouteIndex ?? res.tcpRouteIndex ?? res.tlsRouteIndex;
    const kind = res.httpRouteIndex !== null ? 'http' : res.tcpRouteIndex !== null ? 'tcp' : 'tls';
    lines.push(`  VirtualService ${safe(m.namespace)}/${safe(m.name)}${idx !== null ? ` ${kind}[${idx}]` : ''}  (${safe(m.file)}:${resourceLine(m, pos)})`);
  }
  if (res.gatewayApiRoute) {
    const g = res.gatewayApiRoute;
    const m = g.resource.meta;
    lines.push(`  ${g.resource.kind} ${safe(m.namespace)}/${safe(m.name)} rules[${g.ruleIndex}]${g.matchIndex !== null ? `.matches[${g.matchIndex}]` : ''}  (${safe(m.file)}:${pos.line(m.file, spanAt(m, g.rulePath).start)})`);
    const invalid = res.action === 'route' ? Math.round((100 - res.destinations.reduce((n, d) => n + d.weight, 0)) * 100) / 100 : 0;
    if (invalid > 0) lines.push(`  ⚠ ${invalid}% of requests get 500 (invalid backendRefs)`);
  }
  for (const d of res.destinations) {
    lines.push(`  → ${d.host}:${d.port}${d.subset ? ` subset ${d.subset}` : ''}  ${d.weight}%${d.missing ? `  (no such cluster: ${d.missing})` : ''}`);
    for (const e of d.endpoints) lines.push(`      ${endpointText(e)}`);
    if (!d.missing && !d.endpoints.length) lines.push('      (no ready endpoints)');
    if (d.requestHeaders && res.destinations.length > 1) lines.push(`      request headers it receives: ${Object.entries(d.requestHeaders).map(([k, v]) => `${safe(k)}: ${safe(v)}`).join(', ')}`);
  }
  if (res.redirect) lines.push(`  Location: ${res.redirect.location}`);
  if (res.directResponse) lines.push(`  Body: ${JSON.stringify(res.directResponse.body)}`);
  if (res.rewrite) lines.push(`  Upstream: ${res.rewrite.authority ?? res.request.authority}${res.rewrite.path ?? ''}`);
  if (res.fault?.abort) lines.push(`  Fault: abort ${res.fault.abort.status ?? res.fault.abort.grpcStatus} for ${res.fault.abort.percent}%`);
  if (res.fault?.delay) lines.push(`  Fault: delay ${res.fault.delay.duration} for ${res.fault.delay.percent}%`);
  if (res.action === 'route' || res.action === 'defaultService') {
    lines.push(`  Timeout: ${res.timeout ?? 'none'}`);
    if (res.retries) lines.push(`  Retries: ${res.retries.attempts}${res.retries.retryOn ? ` on ${res.retries.retryOn}` : ''}${res.retries.perTryTimeout ? `, ${res.retries.perTryTimeout} per try` : ''}${res.retries.backoff ? `, back-off ${res.retries.backoff}` : ''}`);
  }
  for (const m of res.mirrors) {
    const host = `Host ${safe(m.authority)} (${safe(m.shadowAuthority)} with Istio 1.27 or older)`;
    lines.push(`  Mirror: ${m.percent}% to ${m.cluster}  ${m.missing ? `(no such cluster: ${m.missing}; no copy is sent)` : host}`);
    for (const e of m.endpoints) lines.push(`      ${endpointText(e)}`);
    if (!m.missing && !m.endpoints.length) lines.push('      (no ready endpoints: the copies fail)');
  }
  if (res.cors) lines.push(`  CORS ${res.cors.kind}: origin ${safe(res.cors.origin)} ${res.cors.originAllowed ? 'allowed' : 'not allowed'}${res.cors.answered ? ', answered by Envoy' : ''}; response headers: ${Object.entries(res.cors.responseHeaders).map(([k, v]) => `${safe(k)}: ${safe(v)}`).join(', ') || 'none'}`);
  if (res.requestHeaders) lines.push(`  Request headers upstream${res.destinations.some((d) => d.requestHeaders) && res.destinations.length > 1 ? ' (before each backend\'s own filters)' : ''}: ${Object.entries(res.requestHeaders).map(([k, v]) => `${safe(k)}: ${safe(v)}`).join(', ')}`);
  if (distribution) {
    lines.push('', `Distribution of ${distribution.count} requests (seed ${distribution.seed}):`);
    for (const p of distribution.pods) lines.push(`  ${p.pod}: ${p.count}`);
    if (distribution.aborted) lines.push(`  aborted by fault injection: ${distribution.aborted}`);
    if (distribution.unavailable) lines.push(`  no endpoint (503): ${distribution.unavailable}`);
    for (const m of distribution.mirrors) {
      lines.push(`  mirrored to ${m.cluster} (${m.percent}%, not answered to the client): ${m.count} copies`);
      for (const p of m.pods) lines.push(`    ${p.pod}: ${p.count}`);
      if (m.unavailable) lines.push(`    no endpoint (the copy fails): ${m.unavailable}`);
    }
  }
  return lines.join('\n');
}
