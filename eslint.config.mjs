// Lint rules that matter for a bot: no floating promises (an unawaited send is the classic bot
// bug), and the core never imports an adapter, a platform SDK, the server or storage.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = [
  'grammy',
  'grammy/*',
  '@grammyjs/*',
  'telegraf',
  'telegraf/*',
  '@slack/*',
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  'better-sqlite3',
  'pino',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'coverage/**',
      'adapters/webchat/public/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/adapters'],
              message: 'The core never imports an adapter.',
            },
            {
              group: ['**/storage/**', '**/server/**', '**/cli/**', '**/app', '**/main'],
              message:
                'The core defines ports; storage, server and CLI depend on it, not the reverse.',
            },
            {
              group: platformSdks,
              message: 'The core never imports a platform SDK or a storage driver.',
            },
            {
              group: ['node:fs', 'fs', 'node:http', 'http', 'node:net', 'net'],
              message: 'The core does no I/O; pass what it needs through a port.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
