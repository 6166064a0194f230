// Lint rules: typescript-eslint recommended, plus the rules docs/architecture.md lists (the layer
// table itself is checked by dependency-cruiser, .dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-bench/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'tools/**',
      '**/*.mjs',
      'jest.config.js',
      '.dependency-cruiser.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // Long functions are split into named steps (docs/architecture.md); tests and benchmarks read as scripts.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Vite loads its config, and the untyped cytoscape-svg module is declared, by default export.
    files: ['apps/web/vite.config.mts', 'apps/web/src/cytoscape-svg.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The browser app reads no configuration: no process, no Node.
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '@rampart/*', '!@rampart/domain', '@nestjs/*', 'neo4j-driver'],
              message: 'The web app talks to the API only; of the libs it may use @rampart/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // Jest loads global setup and teardown through their default export.
    files: ['test/setup/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // process.env is read in exactly one place: the config loader (and test bootstrapping).
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/config/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @rampart/config.' },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@rampart/*', 'neo4j-driver', '@nestjs/*'],
              message: 'libs/domain imports no other lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/analytics/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@rampart/graph',
                '@rampart/interchange',
                '@rampart/output',
                'neo4j-driver',
                '@nestjs/*',
              ],
              message: 'libs/analytics computes on data it is given: it imports only @rampart/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/reports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@rampart/*', '!@rampart/domain', 'neo4j-driver', '@nestjs/*'],
              message:
                'libs/reports renders documents it is given: of the libs it imports only @rampart/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/auth/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@rampart/*', '!@rampart/domain', 'neo4j-driver', '@nestjs/*'],
              message:
                'libs/auth holds pure security primitives: of the libs it imports only @rampart/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/output/**/*.ts', 'libs/config/**/*.ts', 'libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'neo4j-driver', message: 'Only libs/graph talks to Neo4j.' }] },
      ],
    },
  },
);
