import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', '.vscode-test/**', 'test/e2e/artifacts/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
      // `import { z } from 'zod'` binds zod's namespace as a value, so esbuild keeps all of zod (190 KB) in
      // each bundle; `import * as z from 'zod'` lets it drop what no schema uses (the bundle budget test checks).
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
        message: "Write `import * as z from 'zod'`: the `z` binding keeps all of zod in the bundles.",
      }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/model/**/*.ts', 'src/brella/**/*.ts', 'src/demo/**/*.ts', 'src/reports/**/*.ts', 'src/services/**/*.ts', 'src/features/*/session.ts', 'src/features/slices/tracking-sessions.ts', 'src/features/slices/history.ts', 'src/features/kit/failure.ts', 'src/explorer/**/*.ts', 'src/protocol/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer must not depend on VS Code; only src/extension.ts, src/config and the features\' VS Code adapters may.' }] }],
    },
  },
);
