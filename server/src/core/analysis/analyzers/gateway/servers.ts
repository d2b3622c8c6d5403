/** Gateway servers: the Gateway name is a DNS label; there is at least one server and each has hosts
 *  as `host` or `namespace/host` with FQDN hosts (short names and partial wildcards are rejected); ports
 *  have a known protocol, a number 1..65535 and a name unique across servers, and no targetPort;
 *  HTTPS/TLS servers need `tls`, plain HTTP servers may only use `tls.httpsRedirect`, other protocols no
 *  tls; `httpsRedirect` on a non-HTTP port is a warning; TLS modes have the certificates they need.
 *  Mirrors istio/istio pkg/config/validation/validation.go ValidateGateway, validateServer,
 *  validateServerPort, validateTLSOptions and agent/validation.go ValidateNamespaceSlashWildcardHostname. */
import { arr, bool, num, obj, str, strList, type Obj } from '../../../model/coerce';
import type { ResourceMeta } from '../../../model/resource';
import type { Path } from '../../../yaml/locate';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import {
  isDNS1123Label, isIPAddress, parseIstioProtocol, partialWildcardError, portError, protocolIsHTTP, protocolIsTLS, wildcardDomainError,
} from '../../validation/names';
import { checkable, has, invalid, warning } from '../common/istioReport';

/** Why a gateway server host is invalid (`ns/host`, `./host`, `*\/host` or a plain host), or undefined. */
export function gatewayHostError(h: string): string | undefined {
  const slash = h.indexOf('/');
  let host = h;
  if (slash >= 0) {
    const ns = h.slice(0, slash);
    host = h.slice(slash + 1);
    if (!ns || !host) return 'the namespace and the host in "namespace/host" cannot be empty';
    if (ns !== '*' && ns !== '.' && !isDNS1123Label(ns)) return `invalid namespace "${ns}" in gateway host "${h}"`;
  }
  if (host !== '*' && !host.includes('.')) return `short name "${host}" is not allowed in a Gateway: use a fully qualified name such as ${host}.example.com or ${host}.<namespace>.svc.cluster.local`;
  const err = wildcardDomainError(host);
  if (err && !isIPAddress(host)) return err;
  return partialWildcardError(host);
}

function checkTls(ctx: AnalysisContext, meta: ResourceMeta, path: Path, tls: Obj): void {
  const mode = str(tls.mode) ?? 'PASSTHROUGH';
  const set = (k: string) => (typeof tls[k] === 'string' ? tls[k] !== '' : arr(tls[k]).length > 0);
  if (mode === 'ISTIO_MUTUAL') {
    for (const k of ['serverCertificate', 'privateKey', 'caCertificates', 'tlsCertificates', 'credentialName', 'credentialNames']) {
      if (set(k)) invalid(ctx, meta, [...path, k], `ISTIO_MUTUAL TLS uses Istio's certificates: remove \`${k}\``, { at: 'key' });
    }
    return;
  }
  if ((mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') && ['caCrl', 'serverCertificate', 'privateKey', 'caCertificates', 'tlsCertificates', 'credentialName', 'credentialNames'].some(set)) {
    warning(ctx, meta, [...path, 'mode'], `${mode} does not terminate TLS: the certificates are ignored`);
  }
  const sources = [set('serverCertificate') && set('privateKey'), set('credentialName'), set('credentialNames'), set('tlsCertificates')].filter(Boolean).length;
  if (sources > 1) invalid(ctx, meta, path, 'set only one certificate source: credentialName, credentialNames, serverCertificate/privateKey or tlsCertificates', { at: 'key' });
  const terminating = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminating && (set('credentialName') || set('credentialNames'))) return;
  if (terminating) {
    const what = mode === 'SIMPLE' ? 'SIMPLE TLS' : 'MUTUAL TLS';
    if (mode !== 'SIMPLE' && !set('caCertificates')) invalid(ctx, meta, [...path, 'mode'], `${what} needs \`caCertificates\` to verify clients (or a \`credentialName\`)`);
    const certs = arr(tls.tlsCertificates).length ? arr(tls.tlsCertificates).map((c) => obj(c) ?? {}) : [tls];
    for (const c of certs) {
      if (!str(c.serverCertificate)) { invalid(ctx, meta, [...path, 'mode'], `${what} needs a server certificate: set \`credentialName\` (a Secret) or \`serverCertificate\``); break; }
      if (!str(c.privateKey)) { invalid(ctx, meta, [...path, 'mode'], `${what} needs a private key: set \`credentialName\` (a Secret) or \`privateKey\``); break; }
    }
  }
  if (str(tls.caCrl)) {
    if (set('credentialName')) invalid(ctx, meta, [...path, 'caCrl'], 'caCrl is not supported with credentialName: put the CRL in the Secret', { at: 'key' });
    if (mode === 'SIMPLE') invalid(ctx, meta, [...path, 'caCrl'], 'caCrl is not supported with SIMPLE TLS', { at: 'key' });
  }
}

function checkServer(ctx: AnalysisContext, meta: ResourceMeta, path: Path, s: Obj): void {
  const hosts = strList(s.hosts);
  if (!hosts.length && s.hosts !== undefined) invalid(ctx, meta, [...path, 'hosts'], 'a server needs at least one host', { at: 'key' });
  hosts.forEach((h, k) => {
    const err = gatewayHostError(h);
    if (err) invalid(ctx, meta, [...path, 'hosts', k], err);
  });
  const port = obj(s.port);
  if (!port) return;
  const proto = parseIstioProtocol(str(port.protocol));
  let portOk = true;
  if (port.protocol !== undefined && proto === 'Unsupported') {
    invalid(ctx, meta, [...path, 'port', 'protocol'], `unknown protocol "${str(port.protocol)}": use HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TCP, TLS, MONGO, REDIS or MYSQL`);
    portOk = false;
  }
  const number = num(port.number) ?? 0;
  if (number > 0 || !(str(s.bind) ?? '').startsWith('unix://')) {
    const err = portError(number);
    if (err && port.number !== undefined) { invalid(ctx, meta, [...path, 'port', 'number'], err); portOk = false; }
  }
  if ((num(port.targetPort) ?? 0) > 0) { invalid(ctx, meta, [...path, 'port', 'targetPort'], '`targetPort` has no effect on a Gateway', { at: 'key' }); portOk = false; }
  const tls = obj(s.tls);
  if (tls) checkTls(ctx, meta, [...path, 'tls'], tls);
  if (!portOk || port.name === undefined) return;
  if (protocolIsTLS(proto) && !has(s, 'tls')) invalid(ctx, meta, [...path, 'port', 'protocol'], `a ${str(port.protocol)} server needs \`tls\` settings (for example mode SIMPLE with a credentialName, or PASSTHROUGH)`);
  else if (!protocolIsTLS(proto) && tls) {
    if (protocolIsHTTP(proto)) {
      const mode = str(tls.mode) ?? 'PASSTHROUGH';
      const onlyRedirect = (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') && !str(tls.caCertificates) && !str(tls.privateKey) && !str(tls.serverCertificate);
      if (!onlyRedirect) invalid(ctx, meta, [...path, 'tls'], 'a plain HTTP server can only use `tls.httpsRedirect`; use protocol HTTPS to terminate TLS', { at: 'key' });
    } else invalid(ctx, meta, [...path, 'tls'], `a server with protocol ${str(port.protocol)} cannot have TLS settings; use protocol HTTPS or TLS`, { at: 'key' });
  }
}

export const gatewayServers: Analyzer = {
  name: 'gateway.servers',
  reads: ['Gateway'],
  run(ctx) {
    for (const gw of checkable(ctx, 'Gateway')) {
      if (gw.meta.name && !isDNS1123Label(gw.meta.name)) invalid(ctx, gw.meta, ['metadata', 'name'], `Gateway name "${gw.meta.name}" must be a DNS label (no dots): VirtualServices refer to it as namespace/name`);
      const spec = obj(gw.meta.raw.spec) ?? {};
      const servers = arr(spec.servers);
      if (!servers.length) invalid(ctx, gw.meta, spec.servers === undefined ? ['spec'] : ['spec', 'servers'], 'a Gateway needs at least one server', { at: 'key' });
      const names = new Map<string, number>();
      servers.forEach((raw, i) => {
        const s = obj(raw);
        if (!s) return;
        checkServer(ctx, gw.meta, ['spec', 'servers', i], s);
        const port = obj(s.port);
        if (!port) return;
        const name = str(port.name) ?? '';
        const prev = names.get(name);
        if (prev !== undefined) {
          invalid(ctx, gw.meta, ['spec', 'servers', i, 'port', 'name'], `port names must be unique across the servers: "${name}" is already used`, {
            related: [ctx.related(gw.meta, ['spec', 'servers', prev, 'port', 'name'], 'first used here')],
          });
        } else names.set(name, i);
        if (!protocolIsHTTP(parseIstioProtocol(str(port.protocol))) && bool(obj(s.tls)?.httpsRedirect)) {
          warning(ctx, gw.meta, ['spec', 'servers', i, 'tls', 'httpsRedirect'], '`httpsRedirect` only works on HTTP servers', { at: 'key' });
        }
      });
    }
  },
};
