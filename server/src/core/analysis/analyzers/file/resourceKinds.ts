/** Documents the workspace cannot use: a `networking.istio.io` kind that does not exist (a typo such
 *  as `VirtualSevice` makes the resource silently disappear), a version Istio does not serve, and a
 *  Kubernetes or Istio resource without `metadata.name`. Our check (the API server answers "no matches
 *  for kind" or "name or generateName is required"; istioctl analyze skips such documents).
 *  Offers the nearest kind or version. */
import { isMap, isScalar, type Document, type Scalar, type YAMLMap } from 'yaml';
import { ISTIO_GROUP, kindDescriptors } from '../../../model/kinds';
import { spanOf } from '../../../yaml/locate';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import type { Finding } from '../../types';
import type { YamlDocument } from '../../../yaml/parse';
import type { Span } from '../../../text/span';

/** The registry's networking.istio.io kinds (with the versions Istio serves) and the kinds whose
 *  documents need a name, read once per run (the registry may grow at run time). */
function kindTables(): { istio: Map<string, readonly string[]>; named: Set<string> } {
  const kinds = kindDescriptors();
  return {
    istio: new Map(kinds.filter((d) => d.group === ISTIO_GROUP).map((d) => [d.kind, d.versions])),
    named: new Set(kinds.filter((d) => d.requiresName).map((d) => d.kind)),
  };
}

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
  reads: [],
  readsDocuments: true,
  run(ctx) {
    const { istio, named } = kindTables();
    const istioKinds = [...istio.keys()];
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
      if (slash >= 0 && apiVersion.slice(0, slash) === ISTIO_GROUP) {
        const versions = istio.get(kind);
        if (!versions) {
          const guess = nearest(kind, istioKinds);
          report(d, kindSpan, `networking.istio.io has no kind "${kind}": the resource is ignored` + (guess ? ` — did you mean ${guess}?` : ''), kind, guess ? { title: `Change the kind to ${guess}`, newText: guess } : undefined);
          return;
        }
        const apiSpan = spanOf(apiNode);
        if (!versions.includes(versionOf(apiVersion, slash)) && apiSpan) {
          const fixed = `${ISTIO_GROUP}/${versions[versions.length - 1]}`;
          report(d, apiSpan, `Istio serves ${kind} as ${versions.map((v) => `${ISTIO_GROUP}/${v}`).join(', ')}, not ${apiVersion}`, kind, { title: `Use ${fixed}`, newText: fixed });
          return;
        }
      }
      if (!named.has(kind)) return;
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
