// Several instances of the standalone app (src/app/main.ts) as child processes on one PostgreSQL
// database, as behind a load balancer: each on its own port, with the same SECRET. Output is kept
// for failure messages; `exited` tells whether (and how) a process ended.
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const INSTANCE_SECRET = 'several-instances-test-secret';

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  /** Whether the process has ended. */
  readonly alive: boolean;
  kill(signal?: NodeJS.Signals): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function startInstance(name: string, databaseUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), SECRET: INSTANCE_SECRET, DEMO_DATA: 'off',
      ADMIN_JS_SKIP_BUNDLE: 'true', NODE_ENV: 'test', DATA_DIR: path.join(ROOT, 'node_modules/.cache/instances', name), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  let alive = true;
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => { alive = false; resolve(code ?? signal ?? 'unknown'); }));
  const instance: Instance = {
    name, url: `http://127.0.0.1:${port}`, child, exited,
    output: () => output,
    get alive() { return alive; },
    kill: (signal = 'SIGTERM') => { if (alive) child.kill(signal); },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!alive) throw new Error(`${name} exited at start:\n${output}`);
    if (Date.now() > deadline) { instance.kill('SIGKILL'); throw new Error(`${name} did not get ready:\n${output}`); }
    const ready = await fetch(`${instance.url}/readyz`).then((res) => res.status === 200, () => false);
    if (ready) return instance;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Ends the instances (SIGKILL after a few seconds) and waits for them. */
export async function stopInstances(instances: (Instance | undefined)[]): Promise<void> {
  await Promise.all(instances.filter((i): i is Instance => !!i).map(async (instance) => {
    instance.kill('SIGTERM');
    const timer = setTimeout(() => instance.kill('SIGKILL'), 10_000);
    await instance.exited;
    clearTimeout(timer);
  }));
}

/** Logs in over HTTP; returns the session cookie. */
export async function login(instance: Instance, email: string, password: string): Promise<string> {
  const res = await fetch(`${instance.url}/admin/login`, {
    method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (res.status !== 302 || !cookie) throw new Error(`login of ${email} on ${instance.name} failed: ${res.status}`);
  return cookie;
}

/** Ends the connections of the database's backends: all of them, or those whose application_name starts with `application`. */
export async function terminateBackends(databaseUrl: string, application?: string): Promise<number> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND ($2::text IS NULL OR application_name LIKE $2 || '%')`,
      [name, application ?? null],
    );
    return rows.length;
  } finally {
    await admin.end();
  }
}
