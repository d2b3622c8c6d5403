/** A DestinationRule's host is a Service or ServiceEntry host of the workspace (a short host is read in
 *  the rule's namespace, with the workspace's cluster domain). A wildcard host such as
 *  `*.default.svc.cluster.local` is valid whatever it matches (istioctl reports it: a known false positive).
 *  Mirrors istioctl analyze destinationrule/subset.go: IST0174. Skipped when the workspace has no
 *  Service and no ServiceEntry at all. */
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { hostDescribed, registryKnown, ruleHost } from '../common/destinations';
import { checkable } from '../common/istioReport';
import { registryNames } from '../common/registryNames';

export const destinationRuleUnknownHost: Analyzer = {
  name: 'destinationrule.unknownHost',
  reads: ['DestinationRule', 'Service', 'ServiceEntry'],
  scope: 'resource',
  run(ctx) {
    if (!registryKnown(ctx)) return;
    for (const dr of checkable(ctx, 'DestinationRule')) {
      if (!dr.host || dr.host.startsWith('*')) continue;
      const fqdn = ruleHost(ctx.snap, dr);
      if (ctx.snap.servicesByHost(fqdn).length || !hostDescribed(ctx, fqdn)) continue;
      const guess = registryNames(ctx.snap).nearestHost(fqdn);
      const span = ctx.span(dr.meta, ['spec', 'host']);
      ctx.reportSpan(message(T.unknownDestinationRuleHost, `The host ${dr.host} of this DestinationRule matches no Service or ServiceEntry (${fqdn}): the rule applies to nothing` + (guess ? `; did you mean ${guess}?` : '')), dr.meta, span, {
        fix: guess ? { title: `Change the host to ${guess}`, edits: [{ file: dr.meta.file, span, newText: guess }] } : undefined,
      });
    }
  },
};
