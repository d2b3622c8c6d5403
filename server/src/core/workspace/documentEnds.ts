/** Where two versions of one file's documents differ (an edit changes the documents between the
 *  unchanged ones at both ends): the first `from` are the same documents at the same places, and
 *  those from `oldTo` (before) and `newTo` (now) to the end are the same documents moved by `shift`.
 *  A document is the same when it holds the same parsed document (the parse is cached per document
 *  text). Pointer comparisons only: microseconds for a 5,000-document file. */
import type { YamlDocument } from '../yaml/parse';

export interface DocumentEnds {
  from: number;
  oldTo: number;
  newTo: number;
  shift: number;
}

export function documentEnds(old: readonly YamlDocument[], docs: readonly YamlDocument[]): DocumentEnds {
  const min = Math.min(old.length, docs.length);
  let from = 0;
  while (from < min && (old[from] === docs[from] || (old[from].doc === docs[from].doc && old[from].base === docs[from].base))) from++;
  let oldTo = old.length;
  let newTo = docs.length;
  const shift = oldTo > from && newTo > from ? docs[newTo - 1].base - old[oldTo - 1].base : 0;
  while (oldTo > from && newTo > from && (old[oldTo - 1] === docs[newTo - 1] || (old[oldTo - 1].doc === docs[newTo - 1].doc && docs[newTo - 1].base - old[oldTo - 1].base === shift))) {
    oldTo--;
    newTo--;
  }
  return { from, oldTo, newTo, shift };
}
