// aws-sdk-client-mock-jest/vitest augments `vitest`'s `Assertion`, but vitest 4 only
// re-exports that interface from `@vitest/expect`, so the augmentation never merges and
// tsc does not know `toHaveReceivedCommandWith`. The jest entry declares the same matchers
// on the global `jest.Matchers`; extend vitest's own interfaces with them.
import 'aws-sdk-client-mock-jest';

declare module '@vitest/expect' {
  // biome-ignore lint/suspicious/noExplicitAny: must match vitest's own declaration
  interface Assertion<T = any> extends jest.Matchers<T> {}
  interface AsymmetricMatchersContaining extends jest.Matchers<unknown> {}
}
