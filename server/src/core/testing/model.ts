import type { TraceStep } from '../routing/trace';
import type { SimResult } from '../routing/result';
import type { Span } from '../text/span';
import type { Path } from '../yaml/locate';
import type { YamlDocument } from '../yaml/parse';

/** Routing tests as data: what a test file says, and what running it found. Plain data with
 *  offsets, so the CLI, the language server and the Testing view read the same thing. */

export const ROUTING_TEST_GROUP = 'lens.istio-lens.dev';
export const ROUTING_TEST_KIND = 'RoutingTest';

/** `kind: RoutingTest` (ours) or a document with `testCases:` (getyourguide/istio-config-validator). */
export type TestFormat = 'routingTest' | 'istioConfigValidator';

/** The request of a case: the fields of `istio-lens simulate`. */
export interface CaseRequest {
  url: string;
  method?: string;
  headers: Record<string, string>;
  sni?: string;
  /** `namespace/name` or `name` (in the test's namespace) of a Pod or workload of the configuration. */
  from?: string;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  /** `mesh` or `namespace/name` of an Istio Gateway. */
  gateway?: string;
}

/** One expectation, as written: its name in `expect`, its value and where it is. */
export interface Expectation {
  field: string;
  value: unknown;
  path: Path;
}

/** istio-config-validator assertions of one test case (compared as that tool names them). */
export interface ValidatorAssertions {
  wantMatch: boolean;
  route?: unknown;
  redirect?: unknown;
  rewrite?: unknown;
  fault?: unknown;
  headers?: unknown;
  delegate?: unknown;
  /** Path of the test case, for spans of its assertions. */
  path: Path;
}

export interface TestCase {
  name: string;
  /** Position among the document's cases (for validator cases, of the input inside its test case too). */
  index: number;
  /** Path of the case in its document, and its span (the whole case; `nameSpan` is its name). */
  path: Path;
  span: Span;
  nameSpan: Span;
  request?: CaseRequest;
  expectations: Expectation[];
  validator?: ValidatorAssertions;
  /** Why the case cannot run as written (it then fails with these messages). */
  errors: { message: string; span: Span }[];
}

export interface TestDocument {
  format: TestFormat;
  file: string;
  document: YamlDocument;
  /** `metadata.name`, else the file name with the document's index. */
  name: string;
  /** Where short host, pod and VirtualService names of the expectations are resolved. */
  namespace: string;
  /** `spec.config`: the files and folders this test runs against, relative to the test file. */
  config: { path: string; span: Span }[];
  cases: TestCase[];
  /** Problems of the document itself (no cases, wrong types); they fail the file. */
  errors: { message: string; span: Span }[];
  span: Span;
}

/** One differing field: a line of the diff. `expected`/`actual` are JSON values. */
export interface Failure {
  field: string;
  expected: unknown;
  actual: unknown;
  /** The expectation in the test file. */
  span: Span;
  /** A short hint when the values alone do not tell why (e.g. tolerance). */
  note?: string;
  /** Set when the case could not be compared at all (bad test, bad request): the message to show. */
  error?: string;
}

export interface CaseResult {
  case: TestCase;
  passed: boolean;
  failures: Failure[];
  /** The simulation's decisions, in order (empty when the request could not be built). */
  trace: TraceStep[];
  result?: SimResult;
}

export interface TestDocumentResult {
  test: TestDocument;
  cases: CaseResult[];
  passed: number;
  failed: number;
}
