/** The client's view of `istioLens/simulate`: the types are the protocol's (typed once in
 *  server/src/protocol/simulate.ts). */
export {
  SIMULATE_COMMAND, SIMULATE_COMMAND_LINE_METHOD, SIMULATE_METHOD,
  type LspLocation, type LspRange, type SimDestination, type SimEndpoint, type SimMirror, type SimulateCommandLineParams, type SimulateCommandLineResult,
  type SimulateParams, type SimulateResult, type SimulateJson as Simulation,
} from '../../../server/src/protocol/simulate';
