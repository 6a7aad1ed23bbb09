// ESLint (npm run lint, run by ./test): typescript-eslint's recommended rules with type information, and React's
// rules of hooks. Warnings fail the run too (--max-warnings 0), so the output is always empty on a clean tree.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // schema.d.ts and schema/ are generated from openapi.json (npm run api:check keeps them so); the build goes to
  // ../Unbuilt/wwwroot.
  { ignores: ['dist/', 'src/api/schema.d.ts', 'src/api/schema/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // vite.config.ts belongs to tsconfig.node.json, which the project service would not find by itself.
        projectService: { allowDefaultProject: ['vite.config.ts'], defaultProject: 'tsconfig.node.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // `const { planId: _p, ...row } = task` is how this code leaves fields out; TypeScript's noUnused* agree.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Node scripts, outside both tsconfigs: no type information.
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: 'readonly', process: 'readonly' },
    },
  },
);
