// Writes docs/diagnostics.md from the message catalogue: the docs page our ISL codes link to.
// Run: node --import tsx scripts/diagnostics-doc.ts   (test/analysis/catalogue.test.ts checks it is current)
import { mkdirSync, writeFileSync } from 'node:fs';
import { ANALYZERS, catalogue } from '../server/src/core/analysis';
import { TEST_FAILURE_CODE, TEST_FILE_CODE } from '../server/src/protocol/routingTests';

export function diagnosticsDoc(): string {
  const lines = [
    '# Istio Lens diagnostics',
    '',
    'Generated from `server/src/core/analysis/messages.ts` by `scripts/diagnostics-doc.ts`.',
    '`IST` codes mean what `istioctl analyze` means by them (their pages are on istio.io); `ISL` codes are ours.',
    'Hide a code for one resource with the annotation `galley.istio.io/analyze-suppress: "CODE,…"` (`*` for all),',
    'or everywhere with `istio-lens check --suppress CODE`.',
    '',
    '| Code | Name | Level | What it means |',
    '| --- | --- | --- | --- |',
    ...catalogue.map((m) => `| ${m.code.startsWith('IST') ? `[${m.code}](${m.docsUrl})` : `[${m.code}](#${m.code.toLowerCase()})`} | ${m.name} | ${m.severity} | ${m.description} |`),
    '',
    ...catalogue.filter((m) => m.code.startsWith('ISL')).flatMap((m) => [`## ${m.code}`, '', `**${m.name}** (${m.severity}). ${m.description}`, '']),
    '## Routing tests',
    '',
    'Test files (`kind: RoutingTest`, see `docs/routing-tests.md`) get two codes of their own. They are not',
    'findings about the Istio configuration: the editor\'s status item counts failing tests apart from its errors.',
    '',
    `- \`${TEST_FAILURE_CODE}\` (error): a routing test case that the last run failed, once per case: on its first`,
    '  unmet expectation, the other unmet ones and the trace as related information, and a quick fix that',
    '  updates every unmet expectation of the case.',
    `- \`${TEST_FILE_CODE}\` (error): a test document that cannot run (a field it does not know, a \`spec.config\``,
    '  path that is not in the workspace).',
    '',
    '## Checks',
    '',
    ...ANALYZERS.map((a) => `- \`${a.name}\` reads ${[...a.reads, ...(a.readsDocuments ? ['the YAML documents'] : [])].join(', ')}`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('diagnostics-doc.ts')) {
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/diagnostics.md', diagnosticsDoc());
  console.log('wrote docs/diagnostics.md');
}
