import type { Gateway, GatewayServer } from '../model/gateway';
import type { VirtualService } from '../model/virtualService';
import { compareSpecificity, hostMatches, isWildcard } from '../workspace/hosts';
import type { Snapshot } from '../workspace/snapshot';
import type { DestinationContext } from './destinations';
import { evaluateHttpRoutes } from './httpEval';
import { buildHttpRoutes } from './httpRoutes';
import { isCatchAll } from './match';
import type { Route } from './routeModel';
import { serversForPort, serversForSni } from './gatewayPorts';
import { evaluateL4Routes } from './l4';
import type { SimRequest } from './request';
import type { SimResult } from './result';
import { visibleVirtualServices, vsHosts } from './selection';
import { stripPort } from './services';
import type { Trace } from './trace';

/** Traffic entering through an Istio Gateway (pilot/pkg/networking/core/gateway.go): the server for
 *  the port, the VirtualServices bound to the gateway whose hosts meet the server's hosts, merged per
 *  host with catch-all routes moved last (route.go SortVHostRoutes). */
export function simulateGateway(snap: Snapshot, req: SimRequest, res: SimResult, trace: Trace): void {
  const [ns, name] = req.gateway.includes('/') ? req.gateway.split('/', 2) : [req.source.namespace, req.gateway];
  const gw = snap.gateways.find((g) => g.meta.namespace === ns && g.meta.name === name);
  const gatewayName = `${ns}/${name}`;
  if (!gw) {
    res.action = 'noRoute';
    trace.note(`no Gateway ${gatewayName} in the workspace`);
    return;
  }
  // The gateway's own pods decide its namespace and labels when the workspace has them; else the
  // Gateway's namespace and selector stand for them.
  const pods = Object.keys(gw.selector).length ? snap.selectWorkloads(undefined, gw.selector) : [];
  const pod = pods.find((w) => w.namespace === gw.meta.namespace) ?? pods[0];
  const proxyNs = pod?.namespace ?? gw.meta.namespace;
  const client = { namespace: proxyNs, labels: pod?.labels ?? gw.selector };
  let servers = serversForPort(snap, gw, pod, client.labels, req.port, trace);
  if (!servers.length) {
    res.action = 'noRoute';
    res.connection = 'refused';
    trace.at(`Gateway ${gatewayName} has no server listening for port ${req.port}: the connection is refused`, gw.meta, ['spec', 'servers']);
    return;
  }
  const protocol = serverProtocol(servers[0]);
  res.protocol = protocol === 'tls-passthrough' ? 'tls' : protocol === 'tcp' ? 'tcp' : 'http';
  // Routes match `port` against the server's port number, not the port it listens on.
  const ctx: DestinationContext = { snap, client, listenerPort: servers[0].port.number ?? req.port, portRule: 'onlyPortElseListener', trace };
  trace.at(`Gateway ${gatewayName} server on port ${servers[0].port.number} (${servers[0].port.protocol ?? 'no protocol'})`, gw.meta, ['spec', 'servers', servers[0].index]);
  if (protocol === 'https') {
    const chains = serversForSni(servers.filter((s) => serverProtocol(s) === 'https'), req.sni);
    if (!chains.length) {
      res.action = 'noRoute';
      res.connection = 'closed';
      trace.at(`no HTTPS server of ${gatewayName} on this port has a host matching the SNI ${req.sni ? `"${req.sni}"` : '(none sent)'}: Envoy finds no filter chain and closes the connection`, gw.meta, ['spec', 'servers', servers[0].index, 'hosts']);
      return;
    }
    if (chains.length < servers.length || servers.length > 1) trace.at(`the SNI "${req.sni ?? ''}" selects the filter chain of the server with hosts ${chains[0].hosts.join(', ')}`, gw.meta, ['spec', 'servers', chains[0].index, 'hosts']);
    servers = [chains[0]];
  }
  const bound = visibleVirtualServices(snap, gatewayName, proxyNs);
  if (protocol === 'tcp' || protocol === 'tls-passthrough') {
    const kind = protocol === 'tcp' ? 'tcp' : 'tls';
    const proxy = { labels: client.labels, namespace: proxyNs, gatewayName, listenerPort: req.port, sni: req.sni };
    for (const vs of bound) {
      if (!servers.some((s) => serverAdmits(s, vs, snap, gw).length)) continue;
      if (evaluateL4Routes(vs, kind, proxy, res, ctx)) return;
    }
    res.action = 'noRoute';
    res.connection = 'closed';
    trace.note(`no ${kind} route of a VirtualService bound to ${gatewayName} takes the connection: it is closed`);
    return;
  }
  const host = stripPort(req.authority);
  const isTls = protocol === 'https';
  const redirectServer = servers.find((s) => s.tls?.httpsRedirect && serverHosts(s, gw).some((h) => hostMatches(h.host, host)));
  if (redirectServer && !isTls) {
    res.action = 'redirect';
    res.redirect = { location: `https://${host}${req.path}${req.query ? '?' + req.query : ''}`, status: 301 };
    res.status = 301;
    trace.at('the server sets tls.httpsRedirect: Envoy answers 301 to https', gw.meta, ['spec', 'servers', redirectServer.index, 'tls', 'httpsRedirect']);
    return;
  }
  const vhosts = new Map<string, Route[]>();
  const proxy = { labels: client.labels, namespace: proxyNs, gatewayName, listenerPort: req.port };
  for (const vs of bound) {
    const domains = servers.flatMap((s) => serverAdmits(s, vs, snap, gw));
    if (!domains.length) {
      trace.at(`VirtualService ${vs.meta.namespace}/${vs.meta.name} is bound to ${gatewayName} but none of its hosts is among the server's hosts`, vs.meta, ['spec', 'hosts']);
      continue;
    }
    const routes = buildHttpRoutes(snap, vs, proxy, trace);
    for (const d of new Set(domains)) vhosts.set(d, [...(vhosts.get(d) ?? []), ...routes]);
  }
  const domain = pickDomain([...vhosts.keys()], host);
  if (domain === undefined) {
    res.action = 'noRoute';
    res.status = 404;
    trace.note(`no VirtualService bound to ${gatewayName} serves host "${host}": Envoy answers 404 (NR)`);
    return;
  }
  trace.note(`virtual host "${domain}" of ${gatewayName} serves "${host}"`);
  const routes = vhosts.get(domain)!;
  const sorted = [...routes.filter((r) => !isCatchAll(r.match)), ...routes.filter((r) => isCatchAll(r.match))];
  evaluateHttpRoutes(sorted, req, res, ctx, isTls);
}

type ServerProtocol = 'http' | 'https' | 'tls-passthrough' | 'tcp';

function serverProtocol(s: GatewayServer): ServerProtocol {
  const p = (s.port.protocol ?? '').toUpperCase();
  const mode = (s.tls?.mode ?? 'SIMPLE').toUpperCase();
  if (p === 'HTTPS') return mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH' ? 'tls-passthrough' : 'https';
  if (p === 'TLS') return mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH' ? 'tls-passthrough' : 'tcp';
  if (p === 'TCP' || p === 'MONGO' || p === 'REDIS' || p === 'MYSQL') return 'tcp';
  return 'http';
}

/** Server hosts as `namespace/host`: no namespace means any (`*`), `.` the Gateway's own. */
function serverHosts(s: GatewayServer, gw: Gateway): { ns: string; host: string }[] {
  return s.hosts.map((h) => {
    const i = h.indexOf('/');
    const ns = i < 0 ? '*' : h.slice(0, i);
    return { ns: ns === '.' ? gw.meta.namespace : ns, host: (i < 0 ? h : h.slice(i + 1)).toLowerCase() };
  });
}

/** The virtual host domains a VirtualService gets on a server: each of its hosts that meets a server
 *  host from an admitted namespace, narrowed to the more specific of the two. */
function serverAdmits(s: GatewayServer, vs: VirtualService, snap: Snapshot, gw: Gateway): string[] {
  const out: string[] = [];
  for (const sh of serverHosts(s, gw)) {
    if (sh.ns !== '*' && sh.ns !== vs.meta.namespace) continue;
    for (const h of vsHosts(snap, vs)) {
      if (!hostMatches(h, sh.host)) continue;
      out.push(compareSpecificity(h, sh.host) <= 0 ? h : sh.host);
    }
  }
  return out;
}

/** Envoy's virtual host choice: exact domain, then the longest matching wildcard, `*` last. */
function pickDomain(domains: string[], host: string): string | undefined {
  if (domains.includes(host)) return host;
  return domains.filter((d) => isWildcard(d) && hostMatches(d, host)).sort(compareSpecificity)[0];
}
