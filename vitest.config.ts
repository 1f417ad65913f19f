import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'proxy', 'widget', 'extension', 'models'],
  },
});
