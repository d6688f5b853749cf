import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundariesPlugin } from './.eslint/boundaries.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests poke at arbitrary JSON from real servers; `any` there is honest, not lazy.
    files: ['**/*.test.ts', 'tests/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Layer boundaries: see .eslint/boundaries.js (one rule, every zone a file is in).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries: boundariesPlugin },
    rules: { 'boundaries/imports': 'error' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/ipc/electron-ipc.ts', 'src/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]", message: 'Only the IPC wrappers (main/ipc/electron-ipc.ts, preload) touch ipcMain/ipcRenderer.' },
        { selector: "MemberExpression[property.name=/^ipc(Main|Renderer)$/]", message: 'Only the IPC wrappers (main/ipc/electron-ipc.ts, preload) touch ipcMain/ipcRenderer.' },
        { selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']", message: 'Send events through the EventBus, not webContents.send.' },
      ],
    },
  },
);
