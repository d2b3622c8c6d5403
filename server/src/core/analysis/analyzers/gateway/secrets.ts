/** A Gateway TLS server's `credentialName` names a Secret in the namespace of the gateway's pods (not
 *  the Gateway's own namespace: istiod reads it where the proxy runs), and that Secret holds a
 *  certificate and key istiod can serve, with a certificate valid now.
 *  Mirrors istioctl analyze gateway/secret.go SecretAnalyzer: IST0101 (credentialName) and IST0161
 *  (InvalidGatewayCredential: isValidSecret, i.e. ExtractCertInfo and ValidateCertificate;
 *  validation/certificates.ts). istioctl looks in the namespace of the first selected pod; every
 *  namespace with selected pods is checked here. When no pod is selected the selector is reported by
 *  gateway.workloads; the default ingress gateway, when assumed, runs in istio-system. A missing Secret
 *  is reported only when the workspace holds Secrets of that namespace (or `completeWorkspace`): Secrets
 *  are rarely kept with the configuration. */
import type { Gateway } from '../../../model/gateway';
import type { Secret } from '../../../model/secret';
import { labelsMatch } from '../../../workspace/hosts';
import type { AnalysisContext, Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { credentialProblem } from '../../validation/certificates';
import { checkable } from '../common/istioReport';

const DEFAULT_INGRESS = { labels: { istio: 'ingressgateway' }, namespace: 'istio-system' };

/** Namespaces of the pods the Gateway selects; istio-system for the default ingress gateway when the
 *  workspace holds none of its pods. */
function gatewayNamespaces(ctx: AnalysisContext, gw: Gateway): string[] {
  const pods = ctx.snap.workloads.filter((w) => labelsMatch(gw.selector, w.labels));
  if (pods.length) return [...new Set(pods.map((p) => p.namespace))];
  const standard = labelsMatch(gw.selector, DEFAULT_INGRESS.labels) && !ctx.snap.workloads.some((w) => labelsMatch(DEFAULT_INGRESS.labels, w.labels));
  return standard ? [DEFAULT_INGRESS.namespace] : [];
}

/** `name` in the gateway's namespace, or `namespace/name`; undefined for an SDS URL (`sds://…`, `kubernetes-gateway://…`). */
function secretRef(credentialName: string, namespace: string): { namespace: string; name: string } | undefined {
  if (credentialName.includes('://')) return undefined;
  const slash = credentialName.indexOf('/');
  return slash < 0 ? { namespace, name: credentialName } : { namespace: credentialName.slice(0, slash), name: credentialName.slice(slash + 1) };
}

export const gatewaySecrets: Analyzer = {
  name: 'gateway.secrets',
  reads: ['Gateway', 'Secret', 'Pod', 'Deployment'],
  run(ctx) {
    const secrets = new Map<string, Secret>();
    for (const s of ctx.all('Secret')) if (!secrets.has(`${s.meta.namespace}/${s.meta.name}`)) secrets.set(`${s.meta.namespace}/${s.meta.name}`, s);
    const described = new Set([...secrets.values()].map((s) => s.meta.namespace));
    for (const gw of checkable(ctx, 'Gateway')) {
      const namespaces = gatewayNamespaces(ctx, gw);
      for (const server of gw.servers) {
        const cn = server.tls?.credentialName;
        if (!cn) continue;
        const path = ['spec', 'servers', server.index, 'tls', 'credentialName'];
        for (const ns of namespaces) {
          const ref = secretRef(cn, ns);
          if (!ref) continue;
          const secret = secrets.get(`${ref.namespace}/${ref.name}`);
          if (!secret) {
            if (!ctx.options.completeWorkspace && !described.has(ref.namespace)) continue;
            ctx.report(message(T.referencedNotFound, `Referenced credentialName not found: "${cn}" — no Secret ${ref.namespace}/${ref.name} in the workspace; the gateway's pods run in namespace ${ns}, where istiod reads the credential`), gw.meta, path);
            continue;
          }
          const problem = credentialProblem(secret, ctx.options.certificates);
          if (!problem) continue;
          ctx.report(message(T.invalidGatewayCredential, `The credential referenced by the Gateway ${gw.meta.name} in namespace ${ns} is invalid: Secret ${ref.namespace}/${ref.name} — ${problem}; the server's TLS handshakes fail`), gw.meta, path, {
            related: [ctx.related(secret.meta, ['metadata', 'name'], `Secret ${ref.namespace}/${ref.name}`)],
          });
        }
      }
    }
  },
};
