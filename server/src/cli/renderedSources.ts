import { splitDocuments } from '../core/yaml/documents';

/** `helm template` writes each rendered document after a `# Source: CHART/templates/FILE.yaml` comment
 *  (helm/helm pkg/action/action.go, renderResources, and cmd/helm/template.go for hooks).
 *  A stream of such documents is read as one file per template, so that findings name the template:
 *  each document's text starts on the line after its comment (line 1 is the first line the template
 *  rendered), and the documents of one template follow each other behind `---`. Documents without the
 *  comment stay in the stream's own file, on the lines they had in the stream. */
const SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/;

export function splitRenderedSources(streamName: string, text: string): [string, string][] {
  const bySource = new Map<string, string[]>();
  const rest: string[] = [];
  let found = false;
  for (const chunk of splitDocuments(text)) {
    const lines = chunk.text.split('\n');
    // The chunk starts with its `---` line (except the first); the comment is the first line after it.
    let i = /^---/.test(lines[0]) ? 1 : 0;
    while (i < lines.length && !lines[i].trim()) i++;
    const m = i < lines.length ? SOURCE.exec(lines[i]) : null;
    if (!m) {
      rest.push(chunk.text);
      continue;
    }
    found = true;
    const body = lines.slice(i + 1).join('\n');
    const list = bySource.get(m[1]);
    if (list) list.push(body);
    else bySource.set(m[1], [body]);
    // Keep the stream's own line numbers for the documents left in it.
    rest.push('\n'.repeat(lines.length - 1));
  }
  if (!found) return [[streamName, text]];
  const out: [string, string][] = [];
  const own = rest.join('');
  if (own.trim()) out.push([streamName, own]);
  for (const [source, bodies] of bySource) out.push([source, bodies.map((b) => (b.endsWith('\n') ? b : b + '\n')).join('---\n')]);
  return out;
}
