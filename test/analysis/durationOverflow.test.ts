/** Durations too long for Go's time.Duration (an int64 of nanoseconds: Go time/format.go
 *  ParseDuration answers "invalid duration" past 2^63 - 1 ns, about 292 years). They were reported as
 *  "finer than a millisecond", because the nanoseconds no longer fit a whole number. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationError, parseGoDuration } from '../../server/src/core/analysis/validation/duration';

describe('durations past time.Duration', () => {
  it('the longest readable duration is still read: 2562047h', () => {
    assert.equal(durationError('2562047h'), undefined);
    assert.deepEqual(parseGoDuration('1h30m'), { ns: 5_400_000_000_000 });
  });

  for (const text of ['2562048h', '99999999999999999999s', `1${'0'.repeat(308)}s`]) {
    it(`${text.slice(0, 24)}… is too long, said as such`, () => {
      assert.match(durationError(text) ?? '', /is longer than a duration can be/);
    });
  }
});
