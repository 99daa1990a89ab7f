import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricsNamespace } from '../metric-names.js';

/** Creates a function's metrics (Powertools), once per container, `service` its dimension. */
export function createMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: metricsNamespace, serviceName });
}

/**
 * Counts one occurrence under a dimension of its own, written at once as its own EMF line: an
 * invocation's stored metrics share one set of dimensions, and a batch's records run in
 * parallel, so a dimension on the shared instance would label the others' values too.
 *
 * @param dimension - name and value, e.g. `['reason', 'invalid-json']`
 */
export function countWithDimension(
  metrics: Metrics,
  name: string,
  [dimensionName, value]: readonly [string, string],
): void {
  const single = metrics.singleMetric();
  single.addDimension(dimensionName, value || 'unknown');
  single.addMetric(name, MetricUnit.Count, 1);
}

/** Writes the invocation's stored metrics, if any, rather than Powertools' "No application metrics" warning. */
export function publishMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
