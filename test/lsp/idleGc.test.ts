/** The idle collector (lsp/idleGc.ts): a full collection once the server has been idle, and a second
 *  one a moment later, which is when V8 gives the emptied pages back (docs/performance.md, memory);
 *  none when little garbage came since the last ones (an edit arriving would wait for it). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { IdleCollector, MIN_GARBAGE_BYTES } from '../../server/src/lsp/idleGc';

describe('idle garbage collection', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('collects twice after the last touch, and not while touches keep coming', () => {
    let collections = 0;
    const idle = new IdleCollector(1000, () => collections++, () => 2 ** 30);
    idle.touch();
    mock.timers.tick(900);
    idle.touch();
    mock.timers.tick(900);
    assert.equal(collections, 0, 'touched again before the second went idle');
    mock.timers.tick(100);
    assert.equal(collections, 1);
    mock.timers.tick(300);
    assert.equal(collections, 2);
    mock.timers.tick(10_000);
    assert.equal(collections, 2, 'nothing more until the next touch');
  });

  it('a touch between the two collections puts off the second', () => {
    let collections = 0;
    const idle = new IdleCollector(1000, () => collections++, () => 2 ** 30);
    idle.touch();
    mock.timers.tick(1000);
    idle.touch();
    mock.timers.tick(300);
    assert.equal(collections, 1, 'the second collection was put off');
    mock.timers.tick(700);
    assert.equal(collections, 2, 'the first one of the new idle period');
  });

  it('collects again only once the heap has grown by enough garbage since the last collections', () => {
    let collections = 0;
    let heap = 200 * 2 ** 20;
    const idle = new IdleCollector(1000, () => collections++, () => heap);
    idle.touch();
    mock.timers.tick(1000);
    mock.timers.tick(300);
    assert.equal(collections, 2, 'the first idle moment collects');
    heap += MIN_GARBAGE_BYTES; // less than a quarter of the heap: not worth 150 ms of a full collection
    idle.touch();
    mock.timers.tick(1000);
    mock.timers.tick(300);
    assert.equal(collections, 2, 'little garbage: no collection');
    heap += MIN_GARBAGE_BYTES * 2;
    idle.touch();
    mock.timers.tick(1000);
    mock.timers.tick(300);
    assert.equal(collections, 4, 'a quarter of the heap more: collected');
  });

  it('does nothing when node runs without --expose-gc', () => {
    assert.doesNotThrow(() => new IdleCollector(10, undefined).touch());
  });
});
