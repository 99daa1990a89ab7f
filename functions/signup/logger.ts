import { Logger } from '@aws-lambda-powertools/logger';
import { serviceNames } from '../commons/metric-names.js';

/**
 * The signup function's logger (Powertools, JSON lines). Never give it an email address or
 * a name: log the job id, and at most a masked domain ({@link maskDomain}).
 */
export const logger = new Logger({ serviceName: serviceNames.signup });

/**
 * Masks a domain for logs, keeping only its first character and its top-level label
 * (`mail.example.com` → `m***.com`): enough to spot a provider-wide problem, too little to
 * identify a person at a small company's domain.
 *
 * @param address - a normalized email address
 */
export function maskDomain(address: string): string {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const topLevel = domain.slice(domain.lastIndexOf('.') + 1);
  return `${domain.slice(0, 1)}***.${topLevel}`;
}
