/** The one look-up of the DestinationRules for a host (server/src/core/workspace/destinationRulesForHost.ts)
 *  that the subset analyzer, hover, definition, references and completion share. A short host is
 *  read in the rule's own namespace (istio/istio pilot/pkg/model/config.go ResolveShortnameToFQDN);
 *  a wildcard host covers the names under it (pkg/config/host/name.go Name.Matches). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { destinationRulesExactFirst, destinationRulesForHost, destinationRulesNamingHost } from '../../server/src/core/workspace/destinationRulesForHost';
import { workspace } from '../helpers/workspace';

const dr = (name: string, ns: string, host: string) => `#- file: ${name}.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${name}, namespace: ${ns} }
spec: { host: "${host}", subsets: [{ name: v1, labels: { version: v1 } }] }
`;

const snap = workspace([
  dr('wild', 'other', '*.default.svc.cluster.local'),
  dr('short', 'default', 'reviews'),
  dr('elsewhere', 'prod', 'reviews'),
  dr('full', 'prod', 'reviews.default.svc.cluster.local'),
  dr('ratings', 'default', 'ratings'),
  dr('all', 'default', '*'),
].join(''));
const names = (rules: { meta: { name: string } }[]) => rules.map((r) => r.meta.name);
const REVIEWS = 'reviews.default.svc.cluster.local';

describe('DestinationRules for a host', () => {
  it('finds the rules naming the host, short or full, and the wildcards covering it, in workspace order', () => {
    assert.deepEqual(names(destinationRulesForHost(snap, REVIEWS)), ['wild', 'short', 'full', 'all']);
    assert.deepEqual(names(destinationRulesForHost(snap, 'reviews.prod.svc.cluster.local')), ['elsewhere', 'all']);
  });
  it('puts the rules naming the host first for the editor', () => {
    assert.deepEqual(names(destinationRulesExactFirst(snap, REVIEWS)), ['short', 'full', 'wild', 'all']);
  });
  it('names a wildcard host only for that same wildcard', () => {
    assert.deepEqual(names(destinationRulesNamingHost(snap, REVIEWS)), ['short', 'full']);
    assert.deepEqual(names(destinationRulesNamingHost(snap, '*.default.svc.cluster.local')), ['wild']);
  });
  it('a wildcard does not cover the name it is a suffix of', () => {
    assert.deepEqual(names(destinationRulesForHost(snap, 'default.svc.cluster.local')), ['all']);
  });
});
