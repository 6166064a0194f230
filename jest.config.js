// Two projects: colocated unit specs, and integration specs in test/ against a real Neo4j that
// the global setup resolves once per run (NEO4J_URI -> Docker -> local launcher).
// ts-jest only transpiles (tsconfig's isolatedModules: fast, decorator metadata kept); `npm run typecheck`
// does the type checking.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };

const moduleNameMapper = {
  '^@rampart/(access|analysis|analytics|audit|auth|config|domain|graph|interchange|output|reporting|reports)$':
    '<rootDir>/libs/$1/src',
};

module.exports = {
  // Integration tests start servers and processes; unit tests finish far sooner.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/test/docs/**/*.spec.ts',
      ],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
