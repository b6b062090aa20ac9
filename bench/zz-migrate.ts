import pg from 'pg';
import { sqlRunnerForPool } from '../src/db/sql-runner.js';
import { migrate } from '../src/db/migrate.js';
const pool = new pg.Pool({ connectionString: process.argv[2] });
await migrate(sqlRunnerForPool(pool));
await pool.end();
