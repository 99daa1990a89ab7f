import { SESv2Client } from '@aws-sdk/client-sesv2';
import { sesClientConfig } from './client-config.js';
import { tracer } from './tracer.js';

/** The SES v2 client, once per container; the SDK's chain gives its endpoint (`AWS_ENDPOINT_URL_SESV2` locally). */
export const sesClient = tracer.captureAWSv3Client(new SESv2Client(sesClientConfig));
