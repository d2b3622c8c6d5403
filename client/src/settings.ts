import { workspace } from 'vscode';

/** The `istioLens.*` settings as the server reads them (initializationOptions.settings and
 *  `workspace/configuration` section `istioLens`). Defaults match package.json. */
export interface IstioLensSettings {
  defaultNamespace: string;
  clusterDomain: string;
  rootNamespace: string;
  include: string[];
  exclude: string[];
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  severityOverrides: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>;
}

export function readSettings(): IstioLensSettings {
  const c = workspace.getConfiguration('istioLens');
  return {
    defaultNamespace: c.get('defaultNamespace', 'default'),
    clusterDomain: c.get('clusterDomain', 'cluster.local'),
    rootNamespace: c.get('rootNamespace', 'istio-system'),
    include: c.get('include', ['**/*.yaml', '**/*.yml']),
    exclude: c.get('exclude', ['**/node_modules/**', '**/.git/**']),
    outboundTrafficPolicy: c.get('outboundTrafficPolicy', 'ALLOW_ANY'),
    severityOverrides: c.get('severityOverrides', {}),
  };
}
