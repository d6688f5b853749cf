import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noNodeOrElectron = [
  { group: ['electron', 'node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto'], message: 'This layer runs without Node or Electron.' },
];

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
    files: ['**/*.test.ts', '**/test-support/**', 'tests/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...noNodeOrElectron, { group: ['react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**', '**/sandbox/**'], message: 'src/shared imports neither main, renderer, preload nor react.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...noNodeOrElectron, { group: ['**/main/**', '**/host/**', '**/sandbox/**'], message: 'The renderer talks to main only through window.api.' }] }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/host/**/*.ts'],
    ignores: ['src/main/ipc/electron-ipc.ts', 'src/main/index.ts', 'src/main/security/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only the thin Electron adapters (index.ts, ipc/electron-ipc.ts, security/) import electron.' }, { group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/demo-entry.ts', 'src/main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sandbox/index*', '**/sandbox/okta/**', '**/sandbox/threatlocker/**'], message: 'main reaches the sandbox only through demo-entry.ts.' }, { group: ['**/renderer/**'], message: 'main never imports the renderer.' }] }],
    },
  },
  {
    files: ['src/main/security/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='ipcMain']", message: 'ipcMain is used only in ipc/electron-ipc.ts.' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/ipc/electron-ipc.ts', 'src/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]", message: 'Only the IPC wrappers (main/ipc/electron-ipc.ts, preload) touch ipcMain/ipcRenderer.' },
        { selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']", message: 'Send events through the EventBus, not webContents.send.' },
      ],
    },
  },
);
