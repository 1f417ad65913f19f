import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'widget', include: ['test/**/*.test.{ts,tsx}'], testTimeout: 60_000, hookTimeout: 180_000 },
});
