import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file in a fork of its own, one file at a time. It began as a guard against gnome-keyring
    // aborting under several test processes (now handled where it starts: os-keychain.ts keeps one
    // connection per account, with-keyring.sh restarts the daemon); it stays because several suites
    // time themselves (100,000 users in under 3 s) and CI has two cores.
    pool: 'forks',
    fileParallelism: false,
  },
});
