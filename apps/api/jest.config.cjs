/** Unit tests live beside the code (src/**\/*.spec.ts); end-to-end tests in test/ run against a real PostgreSQL. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2022' } }],
  },
  // The analytics library is tested and imported from its TypeScript sources, so no build is needed before the tests.
  moduleNameMapper: { '^@lianxi/analytics$': '<rootDir>/../../libs/analytics/src/index.ts' },
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
