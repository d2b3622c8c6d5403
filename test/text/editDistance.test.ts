/** The one edit distance of the code base ("did you mean" in schema messages, quick fixes and
 *  routing tests): the banded version agrees with the full one up to its limit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { boundedEditDistance, editDistance } from '../../server/src/core/text/editDistance';

describe('edit distance', () => {
  it('counts insertions, deletions and substitutions', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('subset', 'subset'), 0);
    assert.equal(boundedEditDistance('destination', 'destinaton', 2), 1);
    assert.equal(boundedEditDistance('destination', 'xyz', 2), 3);
  });

  it('bounded by a limit, is the full distance or limit + 1', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
      assert.equal(boundedEditDistance(a, b, limit), Math.min(editDistance(a, b), limit + 1));
    }), { seed: 7, numRuns: 2000 });
  });
});
