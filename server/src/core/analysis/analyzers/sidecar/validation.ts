/** Sidecar: some configuration is given; a workloadSelector has labels (else a warning) without
 *  wildcards; ingress listeners have unique ports, no targetPort, valid default endpoints and TLS only on
 *  HTTPS/TLS ports; egress listeners have hosts as `namespace/host`, only one port-less listener and it
 *  last, unique ports; duplicate egress hosts and `*\/*` with other hosts are warnings; an egressProxy
 *  only with ALLOW_ANY.
 *  Mirrors istio/istio pkg/config/validation/validation.go ValidateSidecar and
 *  agent/validation.go ValidateNamespaceSlashWildcardHostname (IST0106 / IST0133). */
import { arr, num, obj, str, strList, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import {
  isDNS1123Label, isIPAddress, parseIstioProtocol, partialWildcardError, portError, protocolIsTLS, wildcardDomainError,
} from '../../validation/names';
import { checkable, firstKeyPath, has, invalid, warning } from '../common/istioReport';

/** Why an egress host (`ns/host`) is invalid, or undefined. */
export function egressHostError(h: string): string | undefined {
  const slash = h.indexOf('/');
  if (slash < 0) return `egress host "${h}" must be written namespace/host (e.g. "./${h}" or "*/${h}")`;
  const ns = h.slice(0, slash);
  const host = h.slice(slash + 1);
  if (!ns || !host) return 'the namespace and the host in "namespace/host" cannot be empty';
  const bare = ns.replace(/^~/, '');
  if (bare !== '' && bare !== '*' && bare !== '.' && !isDNS1123Label(bare)) return `invalid namespace "${ns}" in egress host "${h}"`;
  if (host !== '*' && !host.includes('.')) return `short name "${host}" is not allowed: use the full name, e.g. ${ns}/${host}.<namespace>.svc.cluster.local`;
  return wildcardDomainError(host) ?? partialWildcardError(host);
}

function checkPortNumber(ctx: AnalysisContext, meta: ResourceMeta, path: (string | number)[], port: Obj): void {
  if (str(port.name) && !isDNS1123Label(str(port.name)!)) invalid(ctx, meta, [...path, 'name'], `port name "${str(port.name)}" must be a DNS label`);
  if (str(port.protocol) && parseIstioProtocol(str(port.protocol)) === 'Unsupported') invalid(ctx, meta, [...path, 'protocol'], `unknown protocol "${str(port.protocol)}"`);
  if ((num(port.targetPort) ?? 0) > 0) invalid(ctx, meta, [...path, 'targetPort'], '`targetPort` has no effect on a Sidecar', { at: 'key' });
}

function checkEgressHosts(ctx: AnalysisContext, meta: ResourceMeta, i: number, hosts: string[]): void {
  const byNs = new Map<string, Set<string>>();
  hosts.forEach((h, k) => {
    const at = ['spec', 'egress', i, 'hosts', k];
    const slash = h.indexOf('/');
    if (slash >= 0 && !h.startsWith('~')) {
      const ns = h.slice(0, slash) === '.' ? meta.namespace : h.slice(0, slash);
      const svc = h.slice(slash + 1);
      const seen = byNs.get(ns) ?? new Set<string>();
      if (svc !== '*' ? seen.has(svc) || seen.has('*') : seen.size > 0) warning(ctx, meta, at, `duplicated egress host "${h}": an earlier host of this listener already imports it`);
      seen.add(svc);
      byNs.set(ns, seen);
    }
    const err = egressHostError(h);
    if (err) invalid(ctx, meta, at, err);
  });
  if (byNs.get('*')?.has('*') && byNs.size !== 1) warning(ctx, meta, ['spec', 'egress', i, 'hosts'], '"*/*" already imports every service: the other hosts are redundant', { at: 'key' });
}

export const sidecarValidation: Analyzer = {
  name: 'sidecar.validation',
  reads: ['Sidecar'],
  run(ctx) {
    for (const sc of checkable(ctx, 'Sidecar')) {
      const m = sc.meta;
      const spec = obj(m.raw.spec) ?? {};
      const ws = obj(spec.workloadSelector);
      if (ws) {
        const labels = obj(ws.labels) ?? {};
        for (const [k, v] of Object.entries(labels)) if (k.includes('*') || String(v).includes('*')) invalid(ctx, m, ['spec', 'workloadSelector', 'labels', k], 'wildcards are not supported in selectors', { at: 'key' });
        if (!Object.keys(labels).length) warning(ctx, m, ['spec', 'workloadSelector'], 'the workloadSelector has no labels: the Sidecar applies to every workload of the namespace', { at: 'key' });
      }
      if (!arr(spec.egress).length && !arr(spec.ingress).length && !has(spec, 'outboundTrafficPolicy') && !has(spec, 'inboundConnectionPool')) {
        invalid(ctx, m, ['spec'], 'an empty Sidecar: configure egress, ingress, outboundTrafficPolicy or inboundConnectionPool', { at: 'key' });
        continue;
      }
      const ingressPorts = new Set<number>();
      arr(spec.ingress).forEach((raw, i) => {
        const ing = obj(raw);
        const port = obj(ing?.port);
        if (!ing || !port) return;
        const at = ['spec', 'ingress', i];
        checkPortNumber(ctx, m, [...at, 'port'], port);
        const n = num(port.number) ?? 0;
        const pe = portError(n);
        if (pe) invalid(ctx, m, [...at, 'port', 'number'], pe);
        if (ingressPorts.has(n)) invalid(ctx, m, [...at, 'port', 'number'], `port ${n} is already used by another ingress listener`);
        ingressPorts.add(n);
        const ep = str(ing.defaultEndpoint);
        if (ep && !ep.startsWith('unix://')) {
          const mm = /^(\[[^\]]*\]|[^:]*):(\d+)$/.exec(ep);
          const host = mm?.[1].replace(/^\[|\]$/g, '');
          if (!mm || !['', '127.0.0.1', '0.0.0.0', '::1', '::'].includes(host!)) invalid(ctx, m, [...at, 'defaultEndpoint'], 'defaultEndpoint must be 127.0.0.1:PORT, 0.0.0.0:PORT, [::1]:PORT, [::]:PORT or unix://path');
          else if (portError(Number(mm[2]))) invalid(ctx, m, [...at, 'defaultEndpoint'], portError(Number(mm[2]))!);
        }
        const tls = obj(ing.tls);
        if (tls && !protocolIsTLS(parseIstioProtocol(str(port.protocol)))) invalid(ctx, m, [...at, 'tls'], 'TLS settings need an HTTPS or TLS port', { at: 'key' });
        if (tls && (str(tls.mode) === 'ISTIO_MUTUAL' || str(tls.mode) === 'AUTO_PASSTHROUGH')) invalid(ctx, m, [...at, 'tls', 'mode'], `mode ${str(tls.mode)} is not allowed in Sidecar ingress TLS`);
      });
      const egressPorts = new Set<number>();
      const egress = arr(spec.egress);
      let catchAll = false;
      egress.forEach((raw, i) => {
        const eg = obj(raw);
        if (!eg) return;
        const at = ['spec', 'egress', i];
        const port = obj(eg.port);
        if (!port) {
          const first = firstKeyPath(eg, at);
          if (catchAll) invalid(ctx, m, first.path, 'only one egress listener can omit `port`', { at: first.at });
          else if (i !== egress.length - 1) invalid(ctx, m, first.path, 'the egress listener without `port` must be the last one', { at: first.at });
          else catchAll = true;
        } else {
          checkPortNumber(ctx, m, [...at, 'port'], port);
          const n = num(port.number) ?? 0;
          if (n === 0) {
            if (!(str(eg.bind) ?? '').startsWith('unix://')) invalid(ctx, m, [...at, 'port'], 'a port 0 listener needs a unix:// bind address', { at: 'key' });
          } else {
            const pe = portError(n);
            if (pe) invalid(ctx, m, [...at, 'port', 'number'], pe);
            if (egressPorts.has(n)) invalid(ctx, m, [...at, 'port', 'number'], `port ${n} is already used by another egress listener`);
            egressPorts.add(n);
            const bind = str(eg.bind);
            if (bind && !isIPAddress(bind)) invalid(ctx, m, [...at, 'bind'], `bind "${bind}" is not an IP address`);
          }
        }
        const hosts = strList(eg.hosts);
        if (!hosts.length) { if (eg.hosts !== undefined) invalid(ctx, m, [...at, 'hosts'], 'an egress listener needs at least one host', { at: 'key' }); }
        else checkEgressHosts(ctx, m, i, hosts);
      });
      const otp = obj(spec.outboundTrafficPolicy);
      if (otp && has(otp, 'egressProxy')) {
        if (str(otp.mode) !== 'ALLOW_ANY') invalid(ctx, m, ['spec', 'outboundTrafficPolicy', 'egressProxy'], '`egressProxy` needs `mode: ALLOW_ANY`', { at: 'key' });
        else if (!has(obj(otp.egressProxy) ?? {}, 'port')) invalid(ctx, m, ['spec', 'outboundTrafficPolicy', 'egressProxy'], '`egressProxy` needs a `port`', { at: 'key' });
      }
    }
  },
};
