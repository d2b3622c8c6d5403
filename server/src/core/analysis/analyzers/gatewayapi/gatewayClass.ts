/** A Gateway API Gateway's class must be one an Istio controller programs: Istio creates the class
 *  `istio` itself and ignores a Gateway of any other class (no config, no status), so every route
 *  attached to it gets no traffic from Istio. istioctl analyze has no such check.
 *  Sources: istio/istio pilot/pkg/config/kube/gatewaycommon/classinfo.go GetBuiltinGatewayClasses,
 *  pilot/pkg/config/kube/gateway/gateway_collection.go GatewayCollection. */
import { gatewayController } from '../../../gatewayapi';
import type { Analyzer } from '../../analyzer';
import { message, T } from '../../messages';
import { nearest } from '../../schema/describe';
import { checkable } from '../common/istioReport';

export const gatewayApiClass: Analyzer = {
  name: 'gatewayapi.gatewayClass',
  reads: ['KubernetesGateway', 'GatewayClass'],
  run(ctx) {
    const classes = ctx.snap.gatewayClasses;
    for (const gw of checkable(ctx, 'KubernetesGateway')) {
      const name = gw.gatewayClassName;
      if (!name) continue; // the schema reports the missing field
      const { controller, gatewayClass } = gatewayController(gw, classes);
      if (controller?.startsWith('istio.io/')) continue;
      const path = ['spec', 'gatewayClassName'];
      if (controller && gatewayClass) {
        ctx.report(message(T.gatewayClassNotIstio, `GatewayClass ${name} belongs to the controller ${controller}, not Istio (istio.io/gateway-controller): Istio neither programs this Gateway nor attaches its routes`, 'info'), gw.meta, path, {
          related: [ctx.related(gatewayClass.meta, ['spec', 'controllerName'], `the controller of GatewayClass ${name}`)],
        });
        continue;
      }
      const guess = nearest(name, ['istio', ...classes.map((c) => c.meta.name)]);
      const span = ctx.span(gw.meta, path);
      ctx.reportSpan(message(T.gatewayClassNotIstio, `No GatewayClass ${name} in the workspace, and Istio's own class is \`istio\`: Istio ignores this Gateway, so no route attached to it gets traffic` + (guess ? `; did you mean ${guess}?` : '')), gw.meta, span, {
        fix: guess ? { title: `Change the class to ${guess}`, edits: [{ file: gw.meta.file, span, newText: guess }] } : undefined,
      });
    }
  },
};
