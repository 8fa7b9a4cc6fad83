// Import boundaries from docs/architecture.md / STYLE.md are written down here, so a wrong import fails lint.
import { readdirSync } from 'node:fs';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const zone = (target, from, message) => ({ target, from, message });
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
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Dexie is used only under src/client/db (repositories and queries).' }],
        },
      ],
    },
  },
  {
    files: ['src/client/db/**', 'tests/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
