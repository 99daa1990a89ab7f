/**
 * The AWS SDK client options for an emulator at `endpoint`. The emulators take any
 * credentials; giving some keeps the SDK from looking for real ones in the environment or a
 * profile, and from signing with them.
 *
 * @param endpoint - the emulator's URL, e.g. `http://127.0.0.1:9324`
 * @param region - the region the emulator answers for
 */
export function localClientConfig(endpoint: string, region = 'us-east-1') {
  return { region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}
