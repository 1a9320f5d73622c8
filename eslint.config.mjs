// ESLint 9 flat config: type-aware typescript-eslint rules aimed at the bugs review found (see README
// "Linting and formatting"). Style is Prettier's job, so no formatting rules live here.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The type-aware rules: floating or misused promises and `any` leaking into typed code. */
const typeAware = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/no-explicit-any': 'error',
  '@typescript-eslint/no-unsafe-argument': 'error',
  '@typescript-eslint/no-unsafe-assignment': 'error',
  '@typescript-eslint/no-unsafe-call': 'error',
  '@typescript-eslint/no-unsafe-member-access': 'error',
  '@typescript-eslint/no-unsafe-return': 'error',
};

const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }];

export default defineConfig(
  // .stryker-tmp: the sandboxes of a running `npm run mutate`
  { ignores: ['node_modules/**', 'build/**', 'reports/**', 'data/**', 'notebooks/**', '.stryker-tmp/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // projectService finds each file's own tsconfig (src/dashboard/client has its own DOM one)
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { ...typeAware, '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.closeTo, expect.stringMatching) are typed `any` by vitest
    // itself and are meant to sit in object literals; any other `any` in a test is still caught when it is read,
    // called, passed or returned (no-unsafe-member-access / -call / -argument / -return stay on).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // plain ESM scripts outside any tsconfig: no type information, so only the syntactic rules
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
);
