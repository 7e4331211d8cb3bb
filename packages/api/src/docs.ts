import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>LoopTroop API</title><link rel="stylesheet" href="./swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="./swagger-ui-bundle.js"></script>
<script src="./init.js"></script>
</body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });`;

/** /api/docs: Swagger UI served from the installed swagger-ui-dist package (no CDN). */
export function docsRouter(): Router {
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = express.Router();
  router.get('/', (req, res) => {
    if (!req.originalUrl.split('?')[0]?.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    res.type('html').send(page);
  });
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(init);
  });
  router.use(express.static(assets, { index: false }));
  return router;
}
