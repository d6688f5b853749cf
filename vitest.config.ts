import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file in a fork of its own, one file at a time: gnome-keyring (CI's keychain) has aborted
    // under keychain calls from two test processes at once, failing every later token read.
    pool: 'forks',
    fileParallelism: false,
  },
});
