// ESLint for Switchyard (`npm run lint`, with the import boundaries of .dependency-cruiser.cjs):
// ESLint's and typescript-eslint's recommended rules, without type information so that a run stays
// within seconds. No formatting rules: the code has no formatter, and churning every file for
// style would hide the changes that matter.
import { defineConfig, globals, js, tseslint } from './tools/lint/index.js';

export default defineConfig(
  { ignores: ['dist/', 'src/generated/', 'test-artifacts/', 'data/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_`-names and the rest of an object mark what is left out on purpose ({ password: _, ...safe }).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read JSON answers whose shape is what is being checked.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    files: ['eslint.config.js', 'tools/**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
