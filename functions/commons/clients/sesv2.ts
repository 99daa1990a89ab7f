import { SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * The SES v2 client, created once per container. Endpoint and credentials come from the
 * SDK's standard chain (`AWS_ENDPOINT_URL_SESV2` points it at the local emulator).
 */
export const sesClient = new SESv2Client({});
