/** Routing tests in the editor, typed once for the server and the VS Code client.
 *  Plain types and method names only.
 *
 *  `istioLens/listTests` — the routing tests of the workspace (or of one file).
 *    params:  ListTestsParams { uri? }
 *    result:  ListTestsResult { files: TestFileItem[] }, one entry per file holding tests.
 *
 *  `istioLens/runTests` — runs cases and remembers them: after each later change of the test or of
 *             the configuration, the server runs them again and sends `istioLens/testResults`.
 *             A failing case becomes one diagnostic (code ISL-TEST) on its first failing expectation,
 *             with its other failing expectations and the trace as related information, and offers
 *             the quick fix "Update expectation(s) to the actual result" for all of them.
 *    params:  RunTestsParams { tests: TestRef[] } (a ref without `case` runs the whole document,
 *             without `document` the whole file)
 *    result:  RunTestsResult { results: CaseResultItem[] }
 *
 *  `istioLens/testResults` (notification, server → client): the results of a re-run.
 *  `istioLens/status` (notification, server → client): StatusParams after each analysis.
 *
 *  Code lenses: "▶ Run all" over each test document and "▶ Run test" over each case; their command is
 *  RUN_TESTS_COMMAND with one argument, a RunTestsParams. */
import type { LspLocation, LspRange } from './simulate';

export const LIST_TESTS_METHOD = 'istioLens/listTests';
export const RUN_TESTS_METHOD = 'istioLens/runTests';
export const TEST_RESULTS_NOTIFICATION = 'istioLens/testResults';
export const STATUS_NOTIFICATION = 'istioLens/status';
/** The command id the test code lenses carry. */
export const RUN_TESTS_COMMAND = 'istioLens.runTests';
/** Diagnostic code of a failing expectation. */
export const TEST_FAILURE_CODE = 'ISL-TEST';
/** Diagnostic code of a test document the schema or the test reader rejects. */
export const TEST_FILE_CODE = 'ISL-TEST-FILE';

/** A file, a test document in it (its position among the file's test documents) or one case. */
export interface TestRef {
  uri: string;
  document?: number;
  case?: number;
}

export interface ListTestsParams {
  uri?: string;
}

export interface TestCaseItem {
  /** `uri#document/case`, stable while the file keeps its order. */
  id: string;
  name: string;
  document: number;
  case: number;
  range: LspRange;
}

export interface TestDocumentItem {
  id: string;
  name: string;
  document: number;
  range: LspRange;
  cases: TestCaseItem[];
  /** Problems of the document itself (they fail it). */
  errors: string[];
}

export interface TestFileItem {
  uri: string;
  documents: TestDocumentItem[];
}

export interface ListTestsResult {
  files: TestFileItem[];
}

export interface RunTestsParams {
  tests: TestRef[];
}

export interface FailureItem {
  field: string;
  /** One line for people: `field: expected X, actual Y`. */
  message: string;
  expected: unknown;
  actual: unknown;
  /** The expectation in the test file. */
  location: LspLocation;
}

export interface CaseResultItem {
  /** The case's id (TestCaseItem.id); a document's own problems have id `uri#document/-1`. */
  id: string;
  uri: string;
  document: number;
  case: number;
  name: string;
  passed: boolean;
  failures: FailureItem[];
  trace: { message: string; location: LspLocation | null }[];
  durationMs: number;
}

export interface RunTestsResult {
  results: CaseResultItem[];
}

export interface StatusParams {
  /** Istio and Kubernetes resources in the workspace. */
  resources: number;
  /** YAML files the server reads. */
  files: number;
  /** Error diagnostics published. */
  errors: number;
  /** Helm chart templates in the workspace that are not checked (absent when there are none). */
  helm?: HelmStatus;
}

/** Helm chart templates are Go templates, not YAML, until rendered: how many files were not checked,
 *  in which charts (as a command line names them), and the command that checks them rendered. */
export interface HelmStatus {
  templates: number;
  charts: string[];
  command: string;
}
