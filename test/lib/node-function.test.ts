import { describe, expect, it } from 'vitest';
import { buildFunctionMetafile } from '../../bench/lambda-sandbox/function-metafile.js';
import { bundlingOptionsOf, lazyCredentialProviders } from '../../lib/node-function.js';
import { synthesizeStack } from './stack-fixture.js';

const { template } = synthesizeStack();

/** The imports esbuild leaves in a function's bundle when built with the stack's options. */
async function listExternalImports(functionName: string) {
  const output = await buildFunctionMetafile(functionName);
  return (output?.imports ?? []).filter((entry) => entry.external);
}

describe('bundling options', () => {
  it('bundle the AWS SDK into the API function, leaving out only what it never loads', () => {
    const options = bundlingOptionsOf('signup');

    expect(options.externalModules).toEqual([...lazyCredentialProviders]);
    expect(options.mainFields?.[0]).toBe('module');
  });

  it("leave the worker on the Lambda runtime's AWS SDK", () => {
    expect(bundlingOptionsOf('send-email').externalModules).toContain('@aws-sdk/*');
  });

  it('keep React and the templates out of the API function, which takes only their types', async () => {
    const output = await buildFunctionMetafile('signup');
    const inputs = Object.keys(output?.inputs ?? {});

    expect(
      inputs.filter((input) => /node_modules\/(react|react-dom|@react-email)\//.test(input)),
    ).toEqual([]);
    // Only the plain helpers the API shares with the templates: locales, the name prop and
    // the wording of durations, so the pages say "1 hour" as the emails do.
    expect(inputs.filter((input) => input.startsWith('emails/')).sort()).toEqual([
      'emails/format-duration.ts',
      'emails/locales.ts',
      'emails/props.ts',
    ]);
  });

  it('leave prettier out of the worker, which React Email imports only for pretty HTML', async () => {
    const output = await buildFunctionMetafile('send-email');
    const prettierImports = (output?.imports ?? []).filter(({ path }) => /^prettier\b/.test(path));

    expect(Object.keys(output?.inputs ?? {}).filter((input) => input.includes('prettier'))).toEqual(
      [],
    );
    expect(prettierImports.length).toBeGreaterThan(0);
    for (const { kind, external } of prettierImports) {
      expect({ kind, external }).toEqual({ kind: 'dynamic-import', external: true });
    }
  });

  it('leave in the API bundle only SDK imports made on demand, never at load', async () => {
    const external = await listExternalImports('signup');
    const sdkImports = external.filter(({ path }) => /^@(aws-sdk|smithy)\//.test(path));

    expect(sdkImports.length).toBeGreaterThan(0);
    for (const { path, kind } of sdkImports) {
      expect({ path, kind }).toEqual({ path, kind: 'dynamic-import' });
      expect(lazyCredentialProviders).toContain(path);
    }
  });
});

describe('synthesized functions', () => {
  it('set no NODE_OPTIONS, so Node neither loads nor parses the source maps', () => {
    const functions = template.findResources('AWS::Lambda::Function');

    expect(Object.keys(functions).length).toBeGreaterThan(0);
    for (const resource of Object.values(functions)) {
      const variables = resource.Properties?.Environment?.Variables ?? {};
      expect(variables).not.toHaveProperty('NODE_OPTIONS');
    }
  });
});
