// Multi-page build: index.html (links), buyer.html (buyer demo), agent.html (agent console),
// supervisor.html (the supervisor's dashboard, reports and configuration).
// The server serves web/dist as its web root, so pages and the WebSocket share one origin.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        buyer: resolve(root, 'buyer.html'),
        agent: resolve(root, 'agent.html'),
        supervisor: resolve(root, 'supervisor.html'),
      },
    },
  },
  server: {
    // `npm run dev` against a server on KEFU_DEV_TARGET (default 127.0.0.1:8080).
    proxy: {
      '/api': process.env.KEFU_DEV_TARGET ?? 'http://127.0.0.1:8080',
      '/ws': { target: process.env.KEFU_DEV_TARGET ?? 'http://127.0.0.1:8080', ws: true },
    },
  },
});
