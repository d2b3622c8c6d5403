/** Every analyzer, in the order they run. Adding a check = one file + one line here + its tests. */
import type { Analyzer } from './analyzer';
import { schemaValidation } from './schema/validate';

export const ANALYZERS: readonly Analyzer[] = [schemaValidation];
