// The stack the CDK tests synthesize: the same fixture the bench synthesizes with bundling,
// kept with its Lambda sandbox so that nothing outside test/ imports from test/.
export {
  baseStackProps,
  logicalIdOf,
  type SynthesizedStack,
  synthesizeStack,
} from '../../bench/lambda-sandbox/synthesize-stack.js';
