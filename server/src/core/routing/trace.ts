import type { ResourceMeta } from '../model/resource';
import { spanAt } from '../model/resource';
import type { Span } from '../text/span';
import type { Path } from '../yaml/locate';
import type { CopyChoice } from '../workspace/copies';
import { copyNote } from '../workspace/engineView';

/** One decision of the simulation, pointing at the YAML that caused it. */
export interface TraceStep {
  message: string;
  file?: string;
  span?: Span;
}

/** Spans of trace steps, per resource and YAML path: a resource's text never changes, and lenses
 *  simulate once per rule, so the same steps are located again and again. Kept as a tree of path
 *  elements: a string key per step (JSON of the path) cost more than the rest of the step. */
interface SpanNode {
  span?: Span;
  located?: boolean;
  next?: Map<string | number, SpanNode>;
}
const spans = new WeakMap<ResourceMeta, SpanNode>();

function spanOf(meta: ResourceMeta, path: Path): Span | undefined {
  let node = spans.get(meta);
  if (!node) spans.set(meta, (node = {}));
  for (const step of path) {
    const next: Map<string | number, SpanNode> = (node.next ??= new Map());
    let child = next.get(step);
    if (!child) next.set(step, (child = {}));
    node = child;
  }
  if (!node.located) {
    node.span = spanAt(meta, path);
    node.located = true;
  }
  return node.span;
}

export class Trace {
  readonly steps: TraceStep[] = [];
  private readonly explained = new Set<string>();

  /** `copies` tells which copy of a resource defined in several files is used (engineView.ts): said
   *  once, after the first step that points at that resource. */
  constructor(private readonly copies?: (meta: ResourceMeta) => CopyChoice | undefined) {}

  note(message: string): void {
    this.steps.push({ message });
  }

  at(message: string, meta: ResourceMeta, path: Path = []): void {
    this.steps.push({ message, file: meta.file, span: spanOf(meta, path) });
    const choice = this.copies?.(meta);
    const id = `${meta.kind}/${meta.namespace}/${meta.name}`;
    if (choice && !this.explained.has(id)) {
      this.explained.add(id);
      this.steps.push({ message: copyNote(choice), file: meta.file, span: spanAt(meta, []) });
    }
  }
}
