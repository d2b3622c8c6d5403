import type { ResourceMeta } from '../model/resource';
import { spanAt } from '../model/resource';
import type { Span } from '../text/span';
import type { Path } from '../yaml/locate';

/** One decision of the simulation, pointing at the YAML that caused it. */
export interface TraceStep {
  message: string;
  file?: string;
  span?: Span;
}

export class Trace {
  readonly steps: TraceStep[] = [];

  note(message: string): void {
    this.steps.push({ message });
  }

  at(message: string, meta: ResourceMeta, path: Path = []): void {
    this.steps.push({ message, file: meta.file, span: spanAt(meta, path) });
  }
}
