import { SESv2Client } from '@aws-sdk/client-sesv2';
import { tracer } from './tracer.js';

/**
 * The SES v2 client, created once per container. Endpoint and credentials come from the
 * SDK's standard chain (`AWS_ENDPOINT_URL_SESV2` points it at the local emulator).
 * Traced with X-Ray in Lambda (see `tracer.ts`).
 */
export const sesClient = tracer.captureAWSv3Client(new SESv2Client({}));
