import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    // Without an explicit include vitest also picks up built files.
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
