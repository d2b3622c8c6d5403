/** The fuzz case arbitrary: a seed file from the corpus, mutated; the rest of the corpus's
 *  workspace alongside it unchanged (so cross-file references still resolve); requests and offsets. */
import fc from 'fast-check';
import type { SeedFile } from './corpus';
import { applyMutations, mutations, type Mutation } from './mutations';
import type { FuzzCase } from './pipeline';
import { commandLine, FIXED_REQUESTS, randomRequest } from './requests';

export interface CaseInput {
  seed: number;
  mutations: Mutation[];
  requests: FuzzCase['requests'];
  offsets: number[];
  commandLine?: string;
}

export function caseInput(corpus: SeedFile[]): fc.Arbitrary<CaseInput> {
  return fc.record({
    seed: fc.nat({ max: corpus.length - 1 }),
    mutations,
    requests: fc.array(randomRequest, { maxLength: 3 }),
    offsets: fc.array(fc.nat({ max: 1 << 20 }), { minLength: 1, maxLength: 4 }),
    commandLine: commandLine,
  });
}

/** Every request of the fixed set goes through each case, plus the random ones. */
export function toCase(corpus: SeedFile[], input: CaseInput): FuzzCase {
  const files = corpus.map((f, i): [string, string] => [f.name, i === input.seed ? applyMutations(f.text, input.mutations) : f.text]);
  return { files, requests: [...FIXED_REQUESTS, ...input.requests], offsets: input.offsets, focus: corpus[input.seed].name, commandLine: input.commandLine };
}
