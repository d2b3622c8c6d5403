// The client's answer to a dead language server (the client restarts it and tells the user once).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverRestartPolicy } from '../../client/src/serverRestart';

describe('server restart policy', () => {
  it('restarts every time up to the limit and tells the user only the first time', () => {
    const p = serverRestartPolicy(3);
    const d = [p.closed(), p.closed(), p.closed()];
    assert.deepEqual(d.map((x) => x.restart), [true, true, true]);
    assert.equal(d.filter((x) => x.message).length, 1);
    assert.match(d[0].message!, /stopped and was restarted/);
  });
  it('gives up after too many deaths, and says so', () => {
    const p = serverRestartPolicy(2);
    p.closed();
    p.closed();
    const last = p.closed();
    assert.equal(last.restart, false);
    assert.match(last.message!, /will not be restarted/);
  });
});
