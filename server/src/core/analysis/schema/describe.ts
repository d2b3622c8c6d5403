/** Names for places in a resource, so messages say "in an http route" rather than "/spec/http/0". */
import type { Path } from '../../yaml/locate';

const PLACES: [RegExp, string][] = [
  [/^spec$/, 'the spec'],
  [/^metadata$/, 'metadata'],
  [/^spec\.http\[\]$/, 'an http route'],
  [/^spec\.(tcp|tls)\[\]$/, 'a $1 route'],
  [/^spec\.http\[\]\.match\[\]$/, 'an http match'],
  [/^spec\.(tcp|tls)\[\]\.match\[\]$/, 'a $1 match'],
  [/\.route\[\]$/, 'a route destination'],
  [/(\.destination|\.mirror|\.egressProxy)$/, 'a destination'],
  [/\.mirrors\[\]$/, 'a mirror'],
  [/\.(uri|scheme|method|authority)$/, 'a string match (`$1`)'],
  [/\.(headers|queryParams|withoutHeaders)\.[^.]+$/, 'a string match'],
  [/\.redirect$/, 'a redirect'],
  [/\.rewrite$/, 'a rewrite'],
  [/\.retries$/, 'a retry policy'],
  [/\.fault$/, 'a fault'],
  [/\.fault\.(delay|abort)$/, 'a fault $1'],
  [/\.corsPolicy$/, 'a CORS policy'],
  [/\.directResponse$/, 'a direct response'],
  [/\.delegate$/, 'a delegate'],
  [/\.headers\.(request|response)$/, 'header operations'],
  [/\.headers$/, 'headers'],
  [/^spec\.subsets\[\]$/, 'a subset'],
  [/\.trafficPolicy$/, 'a traffic policy'],
  [/\.portLevelSettings\[\]$/, 'a port-level traffic policy'],
  [/\.loadBalancer$/, 'a load balancer'],
  [/\.consistentHash$/, 'a consistent hash'],
  [/\.connectionPool$/, 'a connection pool'],
  [/\.connectionPool\.(tcp|http)$/, 'connection pool `$1` settings'],
  [/\.outlierDetection$/, 'outlier detection'],
  [/\.tls$/, 'TLS settings'],
  [/^spec\.servers\[\]$/, 'a gateway server'],
  [/^spec\.servers\[\]\.port$/, 'a gateway port'],
  [/\.port$/, 'a port'],
  [/^spec\.ports\[\]$/, 'a port'],
  [/^spec\.endpoints\[\]$/, 'an endpoint'],
  [/^spec\.(egress|ingress)\[\]$/, 'a Sidecar $1 listener'],
  [/\.containers\[\]$/, 'a container'],
  [/\.template$/, 'the pod template'],
];

/** The path with indexes shown as `[]`: `spec.http[].route[]`. */
export function pathPattern(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? '[]' : out ? `.${seg}` : String(seg);
  return out;
}

/** The path as a person reads it: `spec.http[0].route[1]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : String(seg);
  return out || 'the resource';
}

export function describePlace(path: Path): string {
  if (path.length === 0) return 'the resource';
  const p = pathPattern(path);
  for (const [re, name] of PLACES) if (re.test(p)) return render(re, p, name);
  return `\`${formatPath(path)}\``;
}

function render(re: RegExp, p: string, name: string): string {
  const m = re.exec(p);
  return m ? name.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '') : name;
}

export { nearest, nearestForm, nearestLimit } from '../../text/editDistance';
