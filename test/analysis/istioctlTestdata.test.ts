/** istioctl analyze's own analyzer test data replayed through `istio-lens check --complete-workspace`
 *  (the files are the whole cluster, as in istioctl's tests): for the codes of each istioctl analyzer,
 *  check finds what istioctl finds. Inputs: test/analysis/istioctl/*.yaml, from istio/istio
 *  pkg/config/analysis/analyzers/testdata; expected findings: istio/istio
 *  pkg/config/analysis/analyzers/analyzers_test.go `testGrid` (one entry per file, named below).
 *  istioctl's tests add its dummy ingress gateway Pod (`istio: ingressgateway` in istio-system,
 *  pkg/config/analysis/local/defaults.go); check assumes the same gateway when the files hold none.
 *  Resources without a namespace are in `default` here. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from '../helpers/workspace';

interface Case {
  /** The testGrid entry of analyzers_test.go. */
  entry: string;
  file: string;
  /** The codes of the istioctl analyzer under test (check runs every analyzer). */
  codes: string[];
  /** Only findings on resources of these kinds (another analyzer of ours may report the same code elsewhere). */
  kinds?: string[];
  expected: [string, string][];
}

const CASES: Case[] = [
  {
    entry: 'certificate duplication in Gateway (gateway.CertificateAnalyzer)',
    file: 'gateway-duplicate-certificate.yaml',
    codes: ['IST0138'],
    expected: [
      ['IST0138', 'Gateway istio-system/gateway-01-test-01'],
      ['IST0138', 'Gateway istio-system/gateway-02-test-01'],
      ['IST0138', 'Gateway istio-system/gateway-01-test-02'],
      ['IST0138', 'Gateway default/gateway-01-test-03'],
    ],
  },
  {
    entry: 'sidecarDefaultSelector (sidecar.SelectorAnalyzer)',
    file: 'sidecar-default-selector.yaml',
    codes: ['IST0101', 'IST0110', 'IST0111', 'IST0167'],
    expected: [
      ['IST0111', 'Sidecar ns2/has-conflict-2'],
      ['IST0111', 'Sidecar ns2/has-conflict-1'],
      ['IST0167', 'Sidecar ns-ambient/namespace-scoped'],
      ['IST0167', 'Sidecar ns-ambient/pod-scoped'],
    ],
  },
  {
    entry: 'serviceMultipleDeployments (deployment.ServiceAssociationAnalyzer)',
    file: 'deployment-multi-service.yaml',
    codes: ['IST0116', 'IST0137'],
    expected: [
      ['IST0116', 'Deployment bookinfo/multiple-svc-multiple-prot'],
      ['IST0116', 'Deployment bookinfo/multiple-without-port'],
      ['IST0137', 'Deployment bookinfo/conflicting-ports'],
    ],
  },
  {
    entry: 'deploymentMultiServicesInDifferentNamespace (deployment.ServiceAssociationAnalyzer)',
    file: 'deployment-multi-service-different-ns.yaml',
    codes: ['IST0116', 'IST0137'],
    expected: [],
  },
  {
    entry: 'serviceWithNoSelector (deployment.ServiceAssociationAnalyzer)',
    file: 'deployment-service-no-selector.yaml',
    codes: ['IST0116', 'IST0137'],
    expected: [],
  },
  {
    entry: 'Condition Analyzer (conditions.ConditionAnalyzer)',
    file: 'condition-analyzer.yaml',
    codes: ['IST0171'],
    expected: [
      ['IST0171', 'Service default/negative-condition-svc'],
      ['IST0171', 'ServiceEntry default/negative-condition-svcEntry'],
      ['IST0171', 'AuthorizationPolicy default/negative-condition-authz'],
      ['IST0171', 'Gateway default/negative-condition-gateway'],
      ['IST0171', 'HTTPRoute default/negative-condition-httproute'],
      ['IST0171', 'GRPCRoute default/negative-condition-grpcroute'],
      ['IST0171', 'AuthorizationPolicy default/negative-condition-authz-partially-invalid'],
    ],
  },
  {
    entry: 'gatewaySecret (gateway.SecretAnalyzer)',
    file: 'gateway-secrets.yaml',
    codes: ['IST0101', 'IST0161'],
    expected: [
      ['IST0101', 'Gateway default/defaultgateway-bogusCredentialName'],
      ['IST0101', 'Gateway default/customgateway-wrongnamespace'],
      ['IST0101', 'Gateway default/bogusgateway'],
    ],
  },
  {
    entry: 'gatewaySecretValidations (gateway.SecretAnalyzer)',
    file: 'gateway-secrets-validation.yaml',
    codes: ['IST0101', 'IST0161'],
    expected: [
      ['IST0161', 'Gateway default/defaultgateway-invalid-keys'],
      ['IST0161', 'Gateway default/defaultgateway-missing-keys'],
      ['IST0161', 'Gateway default/defaultgateway-invalid-cert'],
      ['IST0161', 'Gateway default/defaultgateway-expired'],
    ],
  },
  {
    entry: 'virtualServiceJWTClaimRoute (virtualservice.JWTClaimRouteAnalyzer)',
    file: 'virtualservice_jwtclaimroute.yaml',
    codes: ['IST0149'],
    expected: [['IST0149', 'VirtualService default/foo']],
  },
  {
    entry: 'KubernetesGatewaySelector (k8sgateway.SelectorAnalyzer)',
    file: 'k8sgateway-selector.yaml',
    codes: ['IST0166'],
    expected: [
      ['IST0166', 'RequestAuthentication default/ra-ineffective'],
      ['IST0166', 'AuthorizationPolicy default/ap-ineffective'],
      ['IST0166', 'WasmPlugin default/wasmplugin-ineffective'],
      ['IST0166', 'Telemetry default/telemetry-ineffective'],
    ],
  },
  {
    entry: 'GatewayAPICRDVersionBelowMinimum (k8sgateway.CRDVersionAnalyzer)',
    file: 'gateway-api-crd-version-old.yaml',
    codes: ['IST0176'],
    // Cluster-scoped: istioctl names it `CustomResourceDefinition tlsroutes.gateway.networking.k8s.io`.
    expected: [['IST0176', 'CustomResourceDefinition /tlsroutes.gateway.networking.k8s.io']],
  },
];

interface JsonFinding {
  code: string;
  resource: { kind: string; namespace: string; name: string };
}

function findings(c: Case): [string, string][] {
  const r = cli(['check', `test/analysis/istioctl/${c.file}`, '--json', '--complete-workspace']);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const all = (JSON.parse(r.stdout) as { diagnostics: JsonFinding[] }).diagnostics;
  return all
    .filter((f) => c.codes.includes(f.code) && (!c.kinds || c.kinds.includes(f.resource.kind)))
    .map((f): [string, string] => [f.code, `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`]);
}

const sorted = (list: [string, string][]) => list.map((x) => x.join(' ')).sort();

describe('istioctl analyze test data through check', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.entry}`, () => {
      assert.deepEqual(sorted(findings(c)), sorted(c.expected));
    });
  }
});
