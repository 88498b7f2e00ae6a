import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { pagePreloads } from './build/pagePreloads.ts';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and their styles are imported where they are used,
    // so a page ships only what it shows.
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    // the wall screen is opened directly: its chunks are preloaded with the entry
    pagePreloads({ '/ops/screen': 'src/modules/ops/OpsScreen.vue' }),
    precompress(),
  ],
  resolve: { alias: { '@': `${root}src` } },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Element Plus is left to the automatic split (no group): a group would put the
          // whole library in every page's first load, the wall screen's included
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            // Leaflet with the coordinate shift every map uses (one request instead of two)
            { name: 'leaflet', test: /node_modules[\\/](leaflet|gcoord)/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
