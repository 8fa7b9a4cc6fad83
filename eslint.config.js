// Import boundaries from docs/architecture.md / STYLE.md are written down here, so a wrong import fails lint.
import { readdirSync } from 'node:fs';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const zone = (target, from, message) => ({ target, from, message });
// Issue 10 §2: SQL lives only in src/server/store (behind the Store contract), so the drivers are
// imported nowhere else: not by services, scripts, the bench or tests (they use the store's
// test-support modules, e.g. src/server/store/sqlite-tamper.ts).
const SQL_DRIVERS = ['better-sqlite3', 'pg'].map((name) => ({
  name,
  message: 'SQL lives only in src/server/store: go through the Store contract (src/server/store/store.ts).',
}));
const DEXIE = { name: 'dexie', message: 'Dexie is used only under src/client/db (repositories and queries).' };
// One folder per job (docs/architecture.md "Layout"); each may import only itself among features.
// Read from disk, so a new feature folder is fenced in the moment it exists (STYLE.md).
const FEATURES = readdirSync(new URL('./src/client/features/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['.tmp/**', 'dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'public/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./src/domain', './src/client', 'domain is pure: it imports no client code'),
            zone('./src/domain', './src/server', 'domain is pure: it imports no server code'),
            zone('./src/server', './src/client', 'the server never imports tablet code'),
            zone('./src/client', './src/server', 'the tablet never imports server code'),
            zone('./src/client/db', './src/client/features', 'nothing imports features'),
            zone('./src/client/ui', './src/client/features', 'nothing imports features'),
            zone('./src/client/state', './src/client/features', 'nothing imports features'),
            zone('./src/client/sync', './src/client/features', 'nothing imports features'),
            ...FEATURES.map((f) => ({
              target: `./src/client/features/${f}`,
              from: './src/client/features',
              except: [`./${f}`],
              message: 'a feature never imports another feature',
            })),
          ],
        },
      ],
      'no-restricted-imports': ['error', { paths: [DEXIE, ...SQL_DRIVERS] }],
    },
  },
  {
    files: ['src/client/db/**', 'tests/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: SQL_DRIVERS }] },
  },
  {
    files: ['src/server/store/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [DEXIE] }] },
  },
  {
    // Issue 10 §2: the Store is asynchronous; a store call not awaited would run after its
    // transaction ended (or not at all before the answer), so every promise is awaited or voided.
    files: [
      'src/server/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      'tests/unit/server/**/*.ts',
      'tests/integration/**/*.ts',
      'tests/support/**/*.ts',
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
