import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { metricsNamespace } from '../metric-names.js';

/**
 * Creates a function's metrics (Powertools Metrics): namespace `SignupMailer`, and the
 * `service` dimension set to the function's service name. Create it once, at module scope;
 * values added during an invocation are written by {@link publishMetrics} at its end.
 *
 * @param serviceName - the function's service name (see `serviceNames`)
 */
export function createMetrics(serviceName: string): Metrics {
  return new Metrics({ namespace: metricsNamespace, serviceName });
}

/**
 * Counts one occurrence under a dimension of its own, written at once as its own embedded
 * metric format (EMF) line.
 *
 * Why a single metric: the stored metrics of an invocation share one set of dimensions, and
 * records of one batch run in parallel, so a dimension added to the shared instance would
 * label the other records' values too.
 *
 * @param metrics - the function's metrics
 * @param name - the metric name, e.g. `JobsDeadLettered`
 * @param dimension - the dimension's name and value, e.g. `['reason', 'invalid-json']`
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

/**
 * Writes the invocation's stored metrics as one EMF line, if there are any. An invocation
 * that stored none (everything counted as single metrics) writes nothing, rather than
 * Powertools' "No application metrics to publish" warning.
 *
 * @param metrics - the function's metrics
 */
export function publishMetrics(metrics: Metrics): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
