// Build step run by `npm start` and `npm run build`: bundles the AdminJS components.
import { spawnSync } from 'node:child_process';
const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bundle-components.ts'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
