/** ServiceEntry: at least one host, not `*`, each a (wildcard-prefixed) DNS name (a partial wildcard is
 *  a warning); addresses are IPs or CIDRs, CIDRs only with resolution NONE or STATIC; port names and
 *  numbers unique, names DNS labels, known protocols; NONE has no endpoints (a workloadSelector is a
 *  warning); DNS without endpoints needs FQDN hosts; DNS_ROUND_ROBIN has at most one endpoint; endpoint
 *  ports are declared ports; DYNAMIC_DNS needs wildcard hosts and HTTP/TLS/GRPC/HTTP2 ports without
 *  addresses or endpoints; several hosts with a non-HTTP, non-TLS port need resolution NONE;
 *  workloadSelector and endpoints exclude each other.
 *  Mirrors istio/istio pkg/config/validation/validation.go ValidateServiceEntry (IST0106 / IST0133). */
import { arr, num, obj, str, strList } from '../../../model/coerce';
import type { Analyzer } from '../../analyzer';
import {
  fqdnError, ipSubnetError, isDNS1123Label, isIPAddress, labelsErrors, parseIstioProtocol, partialWildcardError, portError, protocolIsHTTP,
  protocolIsTLS, wildcardDomainError,
} from '../../validation/names';
import { checkable, has, invalid, warning } from '../common/istioReport';

export const serviceEntryValidation: Analyzer = {
  name: 'serviceentry.validation',
  reads: ['ServiceEntry'],
  run(ctx) {
    for (const se of checkable(ctx, 'ServiceEntry')) {
      const m = se.meta;
      const spec = obj(m.raw.spec) ?? {};
      const hosts = strList(spec.hosts);
      const resolution = str(spec.resolution) ?? 'NONE';
      const endpoints = arr(spec.endpoints);
      const ws = obj(spec.workloadSelector);
      for (const [k, v] of Object.entries(obj(ws?.labels) ?? {})) {
        if (k === '') invalid(ctx, m, ['spec', 'workloadSelector', 'labels'], 'a selector label key cannot be empty');
        if (k.includes('*') || String(v).includes('*')) invalid(ctx, m, ['spec', 'workloadSelector', 'labels', k], `wildcards are not supported in selectors ("${k}=${String(v)}")`, { at: 'key' });
      }
      if (ws && !Object.keys(obj(ws.labels) ?? {}).length) warning(ctx, m, ['spec', 'workloadSelector'], 'the workloadSelector has no labels: it selects every workload of the namespace', { at: 'key' });
      if (ws && spec.endpoints !== undefined && spec.endpoints !== null) invalid(ctx, m, ['spec', 'endpoints'], 'set only one of `workloadSelector` and `endpoints`', { at: 'key' });
      hosts.forEach((h, i) => {
        if (h === '*') return invalid(ctx, m, ['spec', 'hosts', i], 'host "*" is not allowed in a ServiceEntry');
        const err = wildcardDomainError(h);
        if (err) invalid(ctx, m, ['spec', 'hosts', i], err);
        const pw = resolution !== 'DYNAMIC_DNS' ? partialWildcardError(h) : undefined;
        if (pw) warning(ctx, m, ['spec', 'hosts', i], pw);
      });
      const addresses = strList(spec.addresses);
      addresses.forEach((a, i) => {
        const err = ipSubnetError(a);
        if (err) invalid(ctx, m, ['spec', 'addresses', i], err);
      });
      if (addresses.some((a) => a.includes('/')) && resolution !== 'NONE' && resolution !== 'STATIC') invalid(ctx, m, ['spec', 'resolution'], 'CIDR addresses are allowed only with resolution NONE or STATIC');
      const portNames = new Set<string>();
      const portNumbers = new Set<number>();
      const ports = arr(spec.ports).map((p) => obj(p) ?? {});
      ports.forEach((p, i) => {
        const name = str(p.name) ?? '';
        const number = num(p.number) ?? 0;
        const at = ['spec', 'ports', i];
        if (portNames.has(name)) invalid(ctx, m, [...at, 'name'], `port name "${name}" is already used by another port`);
        if (portNumbers.has(number)) invalid(ctx, m, [...at, 'number'], `port ${number} is already defined`);
        portNames.add(name);
        portNumbers.add(number);
        if ((num(p.targetPort) ?? 0) !== 0) { const e = portError(num(p.targetPort)!); if (e) invalid(ctx, m, [...at, 'targetPort'], e); }
        if (p.name !== undefined && !isDNS1123Label(name)) invalid(ctx, m, [...at, 'name'], `port name "${name}" must be a DNS label`);
        if (str(p.protocol) && parseIstioProtocol(str(p.protocol)) === 'Unsupported') invalid(ctx, m, [...at, 'protocol'], `unknown protocol "${str(p.protocol)}"`);
        if (p.number !== undefined) { const e = portError(number); if (e) invalid(ctx, m, [...at, 'number'], e); }
      });
      if (resolution === 'NONE') {
        if (endpoints.length) invalid(ctx, m, ['spec', 'endpoints'], 'resolution NONE takes no endpoints: the original destination address is used', { at: 'key' });
        if (ws) warning(ctx, m, ['spec', 'workloadSelector'], 'a workloadSelector has no effect with resolution NONE', { at: 'key' });
      } else if (resolution === 'STATIC') {
        endpoints.forEach((e, i) => {
          const o = obj(e) ?? {};
          const addr = str(o.address) ?? '';
          if (!addr && !str(o.network)) invalid(ctx, m, ['spec', 'endpoints', i], 'an endpoint needs an `address`');
          if (addr && !addr.startsWith('unix://') && !isIPAddress(addr)) invalid(ctx, m, ['spec', 'endpoints', i, 'address'], `endpoint address "${addr}" must be an IP address with resolution STATIC`);
          for (const name of Object.keys(obj(o.ports) ?? {})) if (!portNames.has(name)) invalid(ctx, m, ['spec', 'endpoints', i, 'ports', name], `endpoint port "${name}" is not a port of the ServiceEntry`, { at: 'key' });
          for (const err of labelsErrors(obj(o.labels) ?? {})) invalid(ctx, m, ['spec', 'endpoints', i, 'labels'], err);
        });
      } else if (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
        if (!endpoints.length) {
          const bad = hosts.findIndex((h) => fqdnError(h));
          if (bad >= 0) invalid(ctx, m, ['spec', 'hosts', bad], `with resolution ${resolution} and no endpoints, hosts must be resolvable names: ${fqdnError(hosts[bad])}`);
        }
        if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) invalid(ctx, m, ['spec', 'endpoints'], 'resolution DNS_ROUND_ROBIN takes at most one endpoint', { at: 'key' });
        endpoints.forEach((e, i) => {
          const o = obj(e) ?? {};
          const addr = str(o.address) ?? '';
          if (!isIPAddress(addr) && fqdnError(addr)) invalid(ctx, m, ['spec', 'endpoints', i, 'address'], `endpoint address "${addr}" is neither an IP address nor a DNS name`);
          for (const err of labelsErrors(obj(o.labels) ?? {})) invalid(ctx, m, ['spec', 'endpoints', i, 'labels'], err);
          for (const [name, port] of Object.entries(obj(o.ports) ?? {})) {
            if (!portNames.has(name)) invalid(ctx, m, ['spec', 'endpoints', i, 'ports', name], `endpoint port "${name}" is not a port of the ServiceEntry`, { at: 'key' });
            const pe = portError(num(port) ?? 0);
            if (pe) invalid(ctx, m, ['spec', 'endpoints', i, 'ports', name], pe);
          }
        });
        if (addresses.length && hosts.length > 1 && ports.some((p) => { const pr = parseIstioProtocol(str(p.protocol)); return pr === 'TCP' || pr === 'HTTPS' || pr === 'TLS' || pr === 'Mongo' || pr === 'Redis' || pr === 'MySQL'; })) {
          warning(ctx, m, ['spec', 'hosts'], 'a ServiceEntry with addresses and a TCP port should have a single host', { at: 'key' });
        }
      } else if (resolution === 'DYNAMIC_DNS') {
        hosts.forEach((h, i) => { if (!h.startsWith('*')) invalid(ctx, m, ['spec', 'hosts', i], 'resolution DYNAMIC_DNS needs wildcard hosts (*.example.com)'); });
        if (addresses.length) invalid(ctx, m, ['spec', 'addresses'], 'resolution DYNAMIC_DNS takes no addresses', { at: 'key' });
        if (endpoints.length) invalid(ctx, m, ['spec', 'endpoints'], 'resolution DYNAMIC_DNS takes no endpoints', { at: 'key' });
        ports.forEach((p, i) => {
          const pr = parseIstioProtocol(str(p.protocol));
          if (pr !== 'HTTP' && pr !== 'TLS' && pr !== 'GRPC' && pr !== 'HTTP2') invalid(ctx, m, ['spec', 'ports', i, 'protocol'], 'resolution DYNAMIC_DNS supports only HTTP, TLS, GRPC and HTTP2 ports');
        });
        if (!has(spec, 'location')) invalid(ctx, m, ['spec', 'resolution'], 'resolution DYNAMIC_DNS needs `location: MESH_EXTERNAL` (or MESH_INTERNAL)');
      }
      if (resolution !== 'NONE' && hosts.length > 1) {
        const bad = ports.findIndex((p) => { const pr = parseIstioProtocol(str(p.protocol)); return !protocolIsHTTP(pr) && !protocolIsTLS(pr); });
        if (bad >= 0) invalid(ctx, m, ports[bad].protocol !== undefined ? ['spec', 'ports', bad, 'protocol'] : ['spec', 'ports', bad], `several hosts share a ${str(ports[bad].protocol) ?? 'TCP'} port: a proxy cannot tell them apart; use one ServiceEntry per host, HTTP/TLS ports, or resolution NONE`);
      }
    }
  },
};
