import { resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { DEFAULT_SETTINGS } from '../core/settings';
import { VERSION } from '../version';
import { runCheck } from './checkCommand';
import { runSimulate } from './simulateCommand';
import { runTests } from './testCommand';
import { collectOptions, configured, loadConfig } from './config';
import { UsageError, type ConfiguredFlags } from './workspace';
import { stdoutClosedAtStart } from './closedStdout';

const collect = (v: string, prev: string[]) => [...prev, v];

function workspaceFlags(cmd: Command): Command {
  return cmd
    .option('--cluster-domain <domain>', 'cluster DNS domain', DEFAULT_SETTINGS.clusterDomain)
    .option('--root-namespace <ns>', `Istio's root namespace (default: the mesh config's, else ${DEFAULT_SETTINGS.rootNamespace})`)
    .option('--default-namespace <ns>', 'namespace of resources that name none', DEFAULT_SETTINGS.defaultNamespace)
    .option('--outbound-traffic-policy <mode>', `mesh outboundTrafficPolicy: ALLOW_ANY or REGISTRY_ONLY (default: the mesh config's, else ${DEFAULT_SETTINGS.outboundTrafficPolicy})`)
    .option('--mesh-config <file>', "MeshConfig YAML, as istioctl analyze --meshConfigFile; the files' istio ConfigMap or IstioOperator otherwise")
    .option('--exclude <glob>', 'leave out files and folders matching the glob (repeatable; relative to .istio-lens.yaml or the current folder)', collect, [] as string[]);
}

const FROM_CONFIG = ['clusterDomain', 'rootNamespace', 'defaultNamespace', 'outboundTrafficPolicy'] as const;

/** The flags with `.istio-lens.yaml` under them: a flag given on the command line wins. */
function withConfig<T extends ConfiguredFlags>(paths: string[], flags: T, cmd: Command): T {
  const cfg = loadConfig(paths);
  const out = { ...flags } as T;
  for (const key of FROM_CONFIG) {
    const v = configured(cfg, key, cmd.getOptionValueSource(key) === 'cli');
    if (v !== undefined) out[key] = v;
  }
  out.collect = collectOptions(cfg, flags.exclude ?? []);
  if (cfg.config?.suppress.length) out.suppress = [...cfg.config.suppress, ...(flags.suppress ?? [])];
  if (cfg.config?.given.includes('severityOverrides')) out.severityOverrides = cfg.config.settings.severityOverrides;
  if (cfg.config?.meshConfig && !flags.meshConfig) out.meshConfig = resolve(cfg.base, cfg.config.meshConfig);
  // `kustomize: true` is `check --kustomize`, as istioLens.kustomize is in the editor.
  if (cfg.config?.given.includes('kustomize') && cmd.getOptionValueSource('kustomize') !== 'cli') (out as { kustomize?: boolean }).kustomize = cfg.config.settings.kustomize;
  return out;
}

export function buildProgram(): Command {
  const program = new Command('istio-lens')
    .description('See where Istio sends a request, and check Istio configuration, from YAML files.')
    .version(VERSION)
    .exitOverride()
    // Errors are printed by main() in one line; help asked for by mistake (bare `istio-lens`) goes to stderr.
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => undefined })
    .showSuggestionAfterError(true);
  workspaceFlags(
    program
      .command('simulate')
      .description('Simulate a request through Istio and Envoy routing over the YAML under PATH (default .)')
      .argument('[paths...]', 'files or folders with Kubernetes and Istio YAML')
      .requiredOption('--url <url>', 'http://host[:port]/path?query, tcp://host:port or tls://host:port')
      .option('-X, --request <method>', 'HTTP method', 'GET')
      .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect, [] as string[])
      .option('--sni <name>', 'TLS SNI (defaults to the host for tls://)')
      .option('--from <ns/pod>', 'the client pod or workload (its namespace and labels)')
      .option('--source-labels <k=v,...>', 'client workload labels')
      .option('--source-namespace <ns>', 'client namespace')
      .option('--gateway <mesh|ns/name>', 'entry point: mesh (a sidecar), an Istio Gateway or a Gateway API Gateway (prefix networking.istio.io/ or gateway.networking.k8s.io/ to choose)', 'mesh')
      .option('--count <n>', 'sample N requests and report how many each pod got')
      .option('--seed <s>', 'seed for --count', '1')
      .option('--json', 'print one JSON object'),
  ).action((paths: string[], flags, cmd: Command) => {
    process.exitCode = runSimulate(paths, withConfig(paths, flags, cmd));
  });
  workspaceFlags(
    program
      .command('test')
      .description('Run the routing tests (kind: RoutingTest, or istio-config-validator testCases) under PATH (default .)')
      .argument('[paths...]', 'files or folders with routing tests and the configuration they test')
      .option('--junit <file>', 'also write the results as JUnit XML')
      .option('--json', 'print one JSON object'),
  ).action((paths: string[], flags, cmd: Command) => {
    process.exitCode = runTests(paths, withConfig(paths, flags, cmd));
  });
  workspaceFlags(
    program
      .command('check')
      .description('Check Kubernetes and Istio YAML under PATH (default .): schemas, Istio validation and istioctl analyze checks')
      .argument('[paths...]', 'files or folders with Kubernetes and Istio YAML')
      .option('--format <format>', 'text, json (0-based LSP positions), sarif (SARIF 2.1.0), github (workflow annotations) or junit (a test case per file)', 'text')
      .option('--json', 'the same as --format json')
      .option('--fail-on <level>', 'exit 1 when a finding is at this level or above: error, warning or info', 'error')
      .option('--min-severity <level>', 'hide diagnostics below error, warning, info or hint', 'info')
      .option('--suppress <codes>', 'diagnostic codes to hide, comma-separated (repeatable)', collect, [] as string[])
      .option('--kustomize', 'render each kustomization root with `kubectl kustomize` and check the result (never fetches remote bases)')
      .option('--complete-workspace', 'the files are the whole cluster: report missing Services and Pods even in namespaces they do not describe'),
  ).action((paths: string[], flags, cmd: Command) => {
    process.exitCode = runCheck(paths, withConfig(paths, flags, cmd));
  });
  return program;
}

export function main(argv: string[]): number {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // Bare `istio-lens`: the usage was printed on stderr; no command ran.
      if (e.code === 'commander.help') return 2;
      process.stderr.write(`istio-lens: ${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`istio-lens: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`istio-lens: internal error: ${(e as Error).message}\n`);
    return 3;
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: end quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`istio-lens: cannot write the output: ${e.message}\n`);
    process.exit(3);
  });
  if (stdoutClosedAtStart()) {
    process.stderr.write('istio-lens: standard output is closed, so the result cannot be written (redirect it instead, e.g. > /dev/null)\n');
    process.exit(3);
  }
  process.exitCode = main(process.argv.slice(2));
}
