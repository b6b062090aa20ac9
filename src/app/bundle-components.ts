// Bundles the AdminJS components of components/ into .adminjs/bundle.js at build time, so the
// app never bundles on start. Skips the work when neither the components nor AdminJS changed.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

// src/app/ or dist/app/: the package root is two folders up either way
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const OUT_DIR = path.join(ROOT, '.adminjs');
const BUNDLE = path.join(OUT_DIR, 'bundle.js');
const STAMP = path.join(OUT_DIR, 'bundle.hash');

function sourcesHash(): string {
  const hash = createHash('sha256');
  const files = ['components', 'src/admin/components.ts']
    .flatMap((entry) => listFiles(path.join(ROOT, entry)))
    .sort();
  for (const file of files) hash.update(file).update(fs.readFileSync(file));
  hash.update(fs.readFileSync(path.join(ROOT, 'node_modules/adminjs/package.json')));
  return hash.digest('hex');
}

function listFiles(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs.readdirSync(entry).flatMap((name) => listFiles(path.join(entry, name)));
}

const hash = sourcesHash();
if (fs.existsSync(BUNDLE) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) {
  console.log('AdminJS components: bundle is up to date');
} else {
  // The bundler reads NODE_ENV when AdminJS is imported: production minifies.
  process.env.NODE_ENV = 'production';
  delete process.env.ADMIN_JS_SKIP_BUNDLE;
  const { default: AdminJS, ComponentLoader } = await import('adminjs');
  const { registerComponents } = await import('../admin/components.js');
  const componentLoader = new ComponentLoader();
  registerComponents(componentLoader);
  const started = Date.now();
  await new AdminJS({ componentLoader }).initialize();
  fs.writeFileSync(STAMP, hash);
  console.log(`AdminJS components bundled in ${Date.now() - started} ms`);
}
