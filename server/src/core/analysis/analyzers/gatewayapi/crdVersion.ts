/** A Gateway API CustomResourceDefinition whose `gateway.networking.k8s.io/bundle-version`
 *  annotation is older than the minimum this Istio accepts for it: istiod's CRD watcher skips it, so
 *  no resource of that kind is processed (a TLS passthrough Gateway then attaches no TLSRoute). Only
 *  the CRDs of the minimum table count, by name; a CRD without the annotation, or whose version does
 *  not parse, is left alone; a pre-release counts as its release (`v1.5.0-rc.1` meets 1.5.0).
 *  Mirrors istioctl analyze pkg/config/analysis/analyzers/k8sgateway/crdversion.go
 *  CRDVersionAnalyzer.analyzeCRD (IST0176 GatewayAPICRDVersionBelowMinimum), with the minimums of
 *  pkg/config/schema/gatewayapi/minimumversions.go MinimumCRDVersions and the version parsing of
 *  Masterminds/semver v3 NewVersion (a leading `v`, minor and patch optional). */
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';

export const BUNDLE_VERSION_ANNOTATION = 'gateway.networking.k8s.io/bundle-version';

type Triple = [number, number, number];

/** MinimumCRDVersions, keyed by CRD name. */
export const MINIMUM_CRD_VERSIONS: Readonly<Record<string, Triple>> = {
  'grpcroutes.gateway.networking.k8s.io': [1, 1, 0],
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
  'tcproutes.gateway.networking.k8s.io': [1, 6, 0],
};

const SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** The version and its canonical text (no `v`, all three numbers), or undefined when it does not
 *  parse (a numeric pre-release part with a leading zero is refused, as semver v3 does). */
export function parseBundleVersion(text: string): { release: Triple; display: string } | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  const release = [m[1], m[2] ?? '0', m[3] ?? '0'].map(Number) as Triple;
  if (release.some((n) => !Number.isSafeInteger(n))) return undefined;
  const pre = m[4];
  if (pre && pre.split('.').some((p) => /^0\d+$/.test(p))) return undefined;
  return { release, display: `${release.join('.')}${pre ? `-${pre}` : ''}${m[5] ? `+${m[5]}` : ''}` };
}

function below(a: Triple, b: Triple): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

export const gatewayApiCrdVersion: Analyzer = {
  name: 'gatewayapi.crdVersion',
  reads: ['CustomResourceDefinition'],
  scope: 'self',
  run(ctx) {
    for (const crd of ctx.all('CustomResourceDefinition')) {
      const name = crd.meta.name;
      const minimum = Object.hasOwn(MINIMUM_CRD_VERSIONS, name) ? MINIMUM_CRD_VERSIONS[name] : undefined;
      const written = crd.meta.annotations[BUNDLE_VERSION_ANNOTATION];
      if (!minimum || written === undefined) continue;
      const installed = parseBundleVersion(written);
      if (!installed || !below(installed.release, minimum)) continue;
      const text = `Gateway API CRD ${name} is at bundle version ${installed.display}, below the ${minimum.join('.')} this Istio needs: istiod does not watch it, so no resource of that kind is processed. Upgrade the Gateway API CRDs`;
      // A CustomResourceDefinition is cluster-scoped: reported without a namespace.
      ctx.report(message(T.gatewayApiCrdVersionBelowMinimum, text), { ...crd.meta, namespace: '' }, ['metadata', 'annotations', BUNDLE_VERSION_ANNOTATION]);
    }
  },
};
