/** Runs a request through the routes of a virtual host, whatever API they were written in: the first
 *  route whose match holds decides, and its action is applied as Envoy applies it (envoyproxy/envoy
 *  source/common/router/config_impl.cc VirtualHostImpl::getRouteFromEntries; istio/istio
 *  pilot/pkg/networking/core/route/route.go translateRoute). One virtual host answers a request: when
 *  none of its routes matches, Envoy answers 404 without trying another. */
import { computeFault, computeRedirect, computeRetries, computeRewrite } from './actions';
import { allInvalid, settleStatus, weightedBackends } from './backends';
import { applyCors } from './cors';
import type { DestinationContext } from './destinations';
import { whyNotMatched } from './match';
import { mirrorsOf } from './mirrors';
import { applyProvenance, asVirtualService } from './provenance';
import { backendRequestHeaders, upstreamRequestHeaders } from './requestHeaders';
import type { SimResult } from './result';
import type { SimRequest } from './request';
import { apiOf, routeLabel, type Route, type RouteApi, type RouteStep } from './routeModel';
import type { ResourceMeta } from '../model/resource';
import type { Trace } from './trace';

const CATCH_ALL: Record<RouteApi, string> = {
  istio: ' (a route without match conditions catches everything)',
  gatewayApi: ' (a rule without matches catches every request)',
};

type TableProbe = (routes: readonly Route[], req: SimRequest) => void;
/** While set (withRouteTableProbe), told of the route table and the request each evaluation walks. */
let tableProbe: TableProbe | undefined;

/** Runs `fn` (a simulation) and tells `probe`, and any probe around this call, of every route table
 *  it evaluates: the editor's lenses reuse a table for the other requests that reach the same virtual
 *  host (core/ide/lensDecision.ts). */
export function withRouteTableProbe<T>(probe: TableProbe, fn: () => T): T {
  const outer = tableProbe;
  tableProbe = outer ? (routes, req) => (outer(routes, req), probe(routes, req)) : probe;
  try {
    return fn();
  } finally {
    tableProbe = outer;
  }
}

/** Walks the routes of a virtual host in order (first match wins) and applies the winner's action.
 *  `api` names the routes' API for the 404 when there are none. */
export function evaluateHttpRoutes(routes: readonly Route[], req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean, api?: RouteApi): void {
  const { trace } = ctx;
  tableProbe?.(routes, req);
  // A 404 still names the VirtualService that owned the host (the root one, for delegated routes).
  const first = routes[0];
  if (first) res.virtualService = asVirtualService(first.source.root?.resource ?? first.source.resource);
  for (const r of routes) {
    const { resource, rulePath, matchPath } = r.source;
    const path = matchPath ?? rulePath;
    const why = r.match ? whyNotMatched(r.match, req, apiOf(r.source)) : undefined;
    const label = routeLabel(r.source);
    if (why) {
      trace.at(`${label} does not match: ${why}`, resource.meta, path);
      continue;
    }
    trace.at(`${label} matches${r.source.matchIndex === null ? CATCH_ALL[apiOf(r.source)] : ''}`, resource.meta, path);
    applyRoute(r, req, res, ctx, isTls);
    return;
  }
  res.action = 'noRoute';
  res.status = 404;
  if ((api ?? (first && apiOf(first.source))) === 'gatewayApi') trace.note('no route of the virtual host matches, and Envoy does not try another virtual host: it answers 404 (NR)');
  else trace.note(`no route of the ${(first?.source.resource.meta.kind ?? 'VirtualService') === 'VirtualService' ? 'VirtualService' : 'virtual host'} matches: Envoy answers 404 (NR)`);
}

function traceSteps(steps: RouteStep[] | undefined, meta: ResourceMeta, trace: Trace): void {
  for (const s of steps ?? []) {
    if (s.at) trace.at(s.message, meta, s.at);
    else trace.note(s.message);
  }
}

function applyRoute(r: Route, req: SimRequest, res: SimResult, ctx: DestinationContext, isTls: boolean): void {
  const { trace } = ctx;
  const meta = r.source.resource.meta;
  const routePath = r.source.rulePath;
  const api = apiOf(r.source);
  applyProvenance(res, r.source);
  res.fault = computeFault(r.fault);
  res.headers = r.headers ?? null;
  res.corsPolicy = r.corsPolicy ?? null;
  traceSteps(r.steps, meta, trace);
  if (res.fault?.abort) trace.at(`fault injection aborts ${res.fault.abort.percent}% of requests with ${res.fault.abort.status ?? res.fault.abort.grpcStatus}`, meta, [...routePath, 'fault', 'abort']);
  if (res.fault?.delay) trace.at(`fault injection delays ${res.fault.delay.percent}% of requests by ${res.fault.delay.duration}`, meta, [...routePath, 'fault', 'delay']);
  const action = r.action;
  if (r.upstreamHeaders) res.requestHeaders = null;
  if (action.kind === 'redirect') {
    const rd = computeRedirect(action.redirect, r.match?.path, req, ctx.listenerPort, isTls);
    if ('unsupported' in rd) {
      res.action = 'noRoute';
      res.status = 404;
      trace.at(`redirectCode ${rd.unsupported} is not supported: Istio drops the route's action`, meta, action.redirect.codeAt);
      return;
    }
    res.action = 'redirect';
    res.redirect = rd;
    res.status = rd.status;
    trace.at(`${api === 'gatewayApi' ? 'RequestRedirect:' : 'redirect'} ${rd.status} to ${rd.location}`, meta, action.redirect.at);
    return;
  }
  if (action.kind === 'directResponse') {
    res.action = 'directResponse';
    res.directResponse = { status: action.status, body: action.body ?? null };
    res.status = res.directResponse.status;
    trace.at(action.why ?? `direct response ${res.directResponse.status}`, meta, action.at);
    return;
  }
  // The CORS filter runs before the router: it may answer a preflight itself.
  if (applyCors(r, req, res, trace)) return;
  res.action = 'route';
  res.timeout = action.timeout ?? null;
  res.retries = action.retryPolicy ?? computeRetries(action.retries);
  // The HTTP fault filter answers before the router (Envoy source/extensions/filters/http/fault): an
  // injected abort never reaches the router, whose retry policy therefore never sees it.
  if (res.fault?.abort && res.retries.attempts > 0) trace.at(`an injected abort is not retried: the fault filter answers before the router, so the ${res.retries.attempts} retr${res.retries.attempts === 1 ? 'y' : 'ies'} of the route apply only to requests that reach an upstream`, meta, [...routePath, 'fault', 'abort']);
  res.rewrite = computeRewrite(action.rewrite, r.match?.path, req);
  if (res.rewrite) trace.at(rewriteStep(res.rewrite, api), meta, action.rewrite!.at);
  traceSteps(action.steps, meta, trace);
  if (r.upstreamHeaders) res.requestHeaders = upstreamRequestHeaders(r, req, action.rewrite?.host);
  const backendCtx = action.clusterNotFoundStatus ? { ...ctx, clusterNotFoundStatus: action.clusterNotFoundStatus } : ctx;
  res.destinations = weightedBackends(action.backends, meta, action.backendsPath, backendCtx, api);
  if (res.requestHeaders) backendRequestHeaders(r, action.backends, res.destinations, req, action.rewrite?.host, res.requestHeaders);
  settleStatus(res, action.clusterNotFoundStatus);
  if (allInvalid(action.backends)) res.status = 500;
  // An abort of every request decides the status before any upstream is tried (the fault filter runs first).
  if (res.fault?.abort && res.fault.abort.percent >= 100 && res.fault.abort.status !== null) res.status = res.fault.abort.status;
  res.mirrors = mirrorsOf(action.mirrors, meta, ctx, api, req, res);
}

function rewriteStep(rw: { path?: string; authority?: string }, api: RouteApi): string {
  if (api === 'istio') return `rewritten upstream to ${rw.authority}${rw.path}`;
  return `URLRewrite: upstream ${[rw.authority && `authority ${rw.authority}`, rw.path && `path ${rw.path}`].filter(Boolean).join(', ')}`;
}
