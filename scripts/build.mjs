// `npm run build`: compiles src/ to dist/ (ESM + .d.ts), copies the files the compiled code reads
// at run time (the full Prisma DMMF, the widget's assets), and bundles the AdminJS components for
// the standalone app (hosts bundle them with their own AdminJS).
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (args) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

fs.rmSync('dist', { recursive: true, force: true });
run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
fs.mkdirSync('dist/generated', { recursive: true });
fs.copyFileSync('src/generated/dmmf.json', 'dist/generated/dmmf.json');
fs.cpSync('src/channels/web/assets', 'dist/channels/web/assets', { recursive: true });
if (!process.argv.includes('--no-bundle')) run(['dist/app/bundle-components.js']);
