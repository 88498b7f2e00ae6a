import { defineConfig } from 'drizzle-kit';

// One set of migrations for both engines, generated from every schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/core/**/schema.ts', './src/modules/**/schema.ts'],
  out: './migrations',
});
