import type { ResourceKind } from '../model/lower';
import type { ResourceMeta } from '../model/resource';
import type { Span } from '../text/span';
import type { Severity } from '../yaml/parse';
import type { Path } from '../yaml/locate';

export type { Severity };

/** The resource a finding is about (the effective namespace: `default` when the YAML names none). */
export interface ResourceRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface RelatedInfo {
  file: string;
  span: Span;
  message: string;
}

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One diagnostic: plain data with offsets; the LSP and CLI layers turn offsets into positions. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  resource: ResourceRef;
  related?: RelatedInfo[];
  docsUrl: string;
  fix?: Fix;
}

export interface AnalyzeOptions {
  /** Codes to drop everywhere (`*` drops all), as the `galley.istio.io/analyze-suppress` annotation does per resource. */
  suppress?: readonly string[];
  /** Findings below this severity are dropped. */
  minSeverity?: Severity;
  /** The files are the whole cluster, as in istioctl's analyzer tests: a host is missing even when the
   *  workspace holds no Service at all, a selector matches nothing even when it holds no Pod. By default
   *  (false) those existence checks run only once the workspace has some Service/ServiceEntry (workload). */
  completeWorkspace?: boolean;
  /** Reads X.509 certificates for the Secrets Gateways name (IST0161). The core does no cryptography and
   *  reads no clock: the edges pass one in (server/src/certificates.ts). Without it, a Secret's keys and
   *  PEM framing are still checked, not its certificate's content or dates. */
  certificates?: CertificateReader;
  /** Hears about an analyzer that threw (its findings are dropped, the others still run). */
  onError?: (analyzer: string, error: unknown) => void;
}

export interface CertificateReader {
  /** The validity period (milliseconds since the epoch) of the certificate in DER bytes, or why the bytes
   *  are no X.509 certificate. */
  validity(der: Uint8Array): { notBefore: number; notAfter: number } | { error: string };
  /** When to judge validity, in milliseconds since the epoch. */
  now: number;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** Where a report points: the value at `path` (or its key with `at: 'key'`), in a resource. */
export interface Target {
  meta: ResourceMeta;
  path: Path;
  at?: 'key' | 'value';
}

export type { ResourceKind };
