/** Documents the workspace cannot use: a `networking.istio.io` kind that does not exist (a typo such
 *  as `VirtualSevice` makes the resource silently disappear), a version Istio does not serve, and a
 *  Kubernetes or Istio resource without `metadata.name`. Our check (the API server answers "no matches
 *  for kind" or "name or generateName is required"; istioctl analyze skips such documents).
 *  Offers the nearest kind or version. */
import { isMap, isScalar, type Document } from 'yaml';
import { spanOf } from '../../../yaml/locate';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import type { Finding } from '../../types';
import type { YamlDocument } from '../../../yaml/parse';

const ISTIO_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup', 'EnvoyFilter', 'ProxyConfig'];
const ISTIO_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'];
const NAMED_KINDS = new Set(['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

function scalarAt(doc: Document.Parsed, key: string): { value: string; span?: { start: number; end: number } } | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair || !isScalar(pair.value)) return undefined;
  return { value: String(pair.value.value ?? ''), span: spanOf(pair.value) };
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

    function checkDocument(d: YamlDocument): void {
      if (d.isTemplate || !isMap(d.doc.contents)) return;
      const apiVersion = scalarAt(d.doc, 'apiVersion');
      const kind = scalarAt(d.doc, 'kind');
      if (!apiVersion || !kind?.span) return;
      const md = d.doc.get('metadata');
      const name = isMap(md) ? String(md.get('name') ?? '') : '';
      const namespace = (isMap(md) ? String(md.get('namespace') ?? '') : '') || ctx.snap.options.defaultNamespace;
      const [group, version] = apiVersion.value.includes('/') ? apiVersion.value.split('/', 2) : ['', apiVersion.value];
      if (group === 'networking.istio.io') {
        if (!ISTIO_KINDS.includes(kind.value)) {
          const guess = nearest(kind.value, ISTIO_KINDS);
          ctx.findings.push(finding(d, kind.span, `networking.istio.io has no kind "${kind.value}": the resource is ignored` + (guess ? ` — did you mean ${guess}?` : ''), kind.value, name, namespace, guess ? { title: `Change the kind to ${guess}`, newText: guess } : undefined));
          return;
        }
        if (!ISTIO_VERSIONS.includes(version) && apiVersion.span) {
          const fixed = `networking.istio.io/v1`;
          ctx.findings.push(finding(d, apiVersion.span, `Istio serves ${kind.value} as ${ISTIO_VERSIONS.map((v) => `networking.istio.io/${v}`).join(', ')}, not ${apiVersion.value}`, kind.value, name, namespace, { title: `Use ${fixed}`, newText: fixed }));
          return;
        }
      }
      if (NAMED_KINDS.has(kind.value) && !name && !(isMap(md) && md.get('generateName'))) {
        const where = isMap(md) ? spanOf(d.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'metadata')?.key as never) ?? kind.span : kind.span;
        ctx.findings.push(finding(d, where, `this ${kind.value} has no \`metadata.name\`: the API server rejects it and nothing can refer to it`, kind.value, '', namespace));
      }
    }
  },
};
