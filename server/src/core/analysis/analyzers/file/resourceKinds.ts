/** Documents the workspace cannot use: a `networking.istio.io` kind that does not exist (a typo such
 *  as `VirtualSevice` makes the resource silently disappear), a version Istio does not serve, and a
 *  Kubernetes or Istio resource without `metadata.name`. Our check (the API server answers "no matches
 *  for kind" or "name or generateName is required"; istioctl analyze skips such documents).
 *  Offers the nearest kind or version. */
import { isMap, isScalar, type Document, type Scalar, type YAMLMap } from 'yaml';
import { spanOf } from '../../../yaml/locate';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import type { Finding } from '../../types';
import type { YamlDocument } from '../../../yaml/parse';
import type { Span } from '../../../text/span';

const ISTIO_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup', 'EnvoyFilter', 'ProxyConfig'];
const ISTIO_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'];
const NAMED_KINDS = new Set(['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The scalar value of the document's first `key` (undefined when that value is not a scalar). */
function scalarAt(map: YAMLMap, key: string): Scalar | undefined {
  for (const p of map.items) if (isScalar(p.key) && p.key.value === key) return isScalar(p.value) ? p.value : undefined;
  return undefined;
}

/** The version of `group/version` (what `split('/', 2)[1]` gives). */
function versionOf(apiVersion: string, slash: number): string {
  const end = apiVersion.indexOf('/', slash + 1);
  return apiVersion.slice(slash + 1, end < 0 ? undefined : end);
}

function nameOf(md: unknown): string {
  return isMap(md) ? String(md.get('name') ?? '') : '';
}

function finding(d: YamlDocument, span: { start: number; end: number }, text: string, kind: string, name: string, namespace: string, fix?: { title: string; newText: string }): Finding {
  const abs = { start: d.base + span.start, end: d.base + span.end };
  return {
    code: T.unknownKind.code, severity: T.unknownKind.severity, message: message(T.unknownKind, text).text, file: d.file, span: abs,
    resource: { kind, namespace, name }, docsUrl: T.unknownKind.docsUrl,
    ...(fix ? { fix: { title: fix.title, edits: [{ file: d.file, span: abs, newText: fix.newText }] } } : {}),
  };
}

/** Parsed documents found fine (parsing is cached per document text, so an unchanged document keeps its
 *  object): after an edit only new documents are looked at, not every document of the workspace. */
const clean = new WeakSet<Document>();

export const resourceKinds: Analyzer = {
  name: 'file.resourceKinds',
  // It reads documents that did not become resources, so it always runs over every file.
  reads: ['VirtualService'],
  run(ctx) {
    for (const f of ctx.snap.files.values()) {
      for (const d of f.source.documents) {
        if (clean.has(d.doc)) continue;
        const before = ctx.findings.length;
        checkDocument(d);
        if (ctx.findings.length === before) clean.add(d.doc);
      }
    }

    // Every document of a newly opened file comes here, nearly all of them fine: the fast path reads
    // the two top-level scalars and allocates nothing; names and namespaces are read for a report only.
    function checkDocument(d: YamlDocument): void {
      const contents = d.doc.contents;
      if (d.isTemplate || !isMap(contents)) return;
      const apiNode = scalarAt(contents, 'apiVersion');
      const kindNode = scalarAt(contents, 'kind');
      if (!apiNode || !kindNode?.range) return;
      const apiVersion = String(apiNode.value ?? '');
      const kind = String(kindNode.value ?? '');
      const kindSpan = spanOf(kindNode)!;
      const slash = apiVersion.indexOf('/');
      if (slash >= 0 && apiVersion.slice(0, slash) === 'networking.istio.io') {
        if (!ISTIO_KINDS.includes(kind)) {
          const guess = nearest(kind, ISTIO_KINDS);
          report(d, kindSpan, `networking.istio.io has no kind "${kind}": the resource is ignored` + (guess ? ` — did you mean ${guess}?` : ''), kind, guess ? { title: `Change the kind to ${guess}`, newText: guess } : undefined);
          return;
        }
        const apiSpan = spanOf(apiNode);
        if (!ISTIO_VERSIONS.includes(versionOf(apiVersion, slash)) && apiSpan) {
          const fixed = `networking.istio.io/v1`;
          report(d, apiSpan, `Istio serves ${kind} as ${ISTIO_VERSIONS.map((v) => `networking.istio.io/${v}`).join(', ')}, not ${apiVersion}`, kind, { title: `Use ${fixed}`, newText: fixed });
          return;
        }
      }
      if (!NAMED_KINDS.has(kind)) return;
      const md = d.doc.get('metadata');
      if (nameOf(md) || (isMap(md) && md.get('generateName'))) return;
      const where = isMap(md) ? spanOf(contents.items.find((p) => isScalar(p.key) && p.key.value === 'metadata')?.key as never) ?? kindSpan : kindSpan;
      ctx.findings.push(finding(d, where, `this ${kind} has no \`metadata.name\`: the API server rejects it and nothing can refer to it`, kind, '', namespaceOf(md)));
    }

    function report(d: YamlDocument, span: Span, text: string, kind: string, fix?: { title: string; newText: string }): void {
      const md = d.doc.get('metadata');
      ctx.findings.push(finding(d, span, text, kind, nameOf(md), namespaceOf(md), fix));
    }

    function namespaceOf(md: unknown): string {
      return (isMap(md) ? String(md.get('namespace') ?? '') : '') || ctx.snap.options.defaultNamespace;
    }
  },
};
