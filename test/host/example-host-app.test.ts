// examples/host-app, the README's host application, run the way a user runs it: the package as
// `npm pack` makes it, installed with the example's own dependencies into a folder of its own, the
// chats' models copied in, `prisma generate`, then `node server.js`. Everything after that goes
// through HTTP: the host's own login, a chat created in the admin, a visitor talking through the
// widget API, the dialogue list, a dialogue, and a report downloaded and read back.
//
// Installing uses the local npm cache first (`--prefer-offline`) and falls back to the registry
// for anything missing there, so the first run on a machine with an empty cache needs the
// registry. Install once per file (≈ 1–2 min), boot once per database kind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { databaseKinds, type DatabaseKind } from '../support/databases.js';
import { createServerDatabase } from '../support/empty-database.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'examples/host-app');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MINUTE = 60_000;

// The environment of a user's shell: nothing of npm's own run of `npm test`, of jest or of the tests' databases.
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || ['INIT_CWD', 'NODE_ENV', 'DATABASE_URL', 'TEST_DATABASE_URL', 'JEST_WORKER_ID'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env = userEnv()): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${output}`))));
  });
}

// `npm pack` of the repository, from a copy of its sources: the pack's `prepack` (npm run build)
// would regenerate the Prisma client in the repository's node_modules while other test files load
// it. `npm test` has just run that `npm run generate`; the copy runs the rest of the build.
async function packRepository(into: string): Promise<string> {
  if (!fs.existsSync(path.join(ROOT, 'src/generated/dmmf.json'))) throw new Error('run `npm run generate` first');
  const copy = path.join(into, 'adminjs-chats');
  for (const entry of ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src', 'components', 'prisma']) {
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  await run(process.execPath, ['scripts/build.mjs', '--no-bundle'], copy);
  const packed = JSON.parse(await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], copy)) as { filename: string }[];
  return path.join(into, packed[0].filename);
}

interface Server { url: string; email: string; password: string; output: () => string; stop(): Promise<number | null> }

/** `node server.js` on a free port; resolves once it listens, with the first manager's login it printed. */
function boot(app: string, env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['server.js'], { cwd: app, env: userEnv({ PORT: '0', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server.js did not start:\n${output}`)); }, 2 * MINUTE);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const login = /Log in as (\S+) with password (\S+)/.exec(output);
      const listening = /Acme Support is on (http:\/\/localhost:\d+)\/admin/.exec(output);
      if (!login || !listening) return;
      clearTimeout(timer);
      resolve({
        url: listening[1],
        email: login[1],
        password: login[2],
        output: () => output,
        stop: async () => {
          child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`server.js exited with ${code}:\n${output}`)); });
  });
}

const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('examples/host-app, packed and installed like a user does', () => {
  let work: string;
  let app: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-example-'));
    const tarball = await packRepository(work);
    app = path.join(work, 'host-app');
    fs.cpSync(EXAMPLE, app, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|data|\.adminjs)$/.test(source) && !source.endsWith(path.join('schema', 'chats.prisma')),
    });
    // the one difference from a user's copy: adminjs-chats comes from the tarball, not the registry
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    manifest.dependencies['adminjs-chats'] = `file:${tarball}`;
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], app);
    await run('npm', ['run', 'chats:copy-models'], app);
    // Here only: Prisma's Rust engines cannot be downloaded, and `prisma generate` of a client with
    // engineType = "client" never loads them, so any existing file stands in for both.
    const stand_in = path.join(app, 'package.json');
    await run('npm', ['run', 'generate'], app, userEnv({ PRISMA_QUERY_ENGINE_LIBRARY: stand_in, PRISMA_SCHEMA_ENGINE_BINARY: stand_in }));
  }, 15 * MINUTE);

  afterAll(() => { if (work) fs.rmSync(work, { recursive: true, force: true }); });

  it('has the chats models copied next to its own, and imports the package as ESM', async () => {
    expect(fs.readFileSync(path.join(app, 'prisma/schema/chats.prisma'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'prisma/schema/chats.prisma'), 'utf8'));
    await run(process.execPath, ['--input-type=module', '-e', "import('adminjs-chats')"], app);
    await expect(run(process.execPath, ['--input-type=module', '-e', "import('adminjs-chats-nope')"], app)).rejects.toThrow(/ERR_MODULE_NOT_FOUND|Cannot find package/);
  });

  describe.each(databaseKinds)('node server.js on %s', (kind: DatabaseKind) => {
    let server: Server;
    let dropDatabase: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const env: Record<string, string> = { DATA_DIR: path.join(work, `data-${kind}`) };
      if (kind === 'postgresql') {
        const database = await createServerDatabase('chats_example');
        dropDatabase = database.drop;
        env.DATABASE_URL = database.url;
      }
      fs.rmSync(path.join(app, '.adminjs'), { recursive: true, force: true }); // each boot bundles the components afresh
      server = await boot(app, env);
    }, 3 * MINUTE);

    afterAll(async () => {
      const code = await server?.stop();
      await dropDatabase?.();
      // Ctrl+C (SIGTERM) stops the workers and closes the database cleanly
      expect([code, code === 0 ? '' : server.output()]).toEqual([0, '']);
    }, MINUTE);

    it('keeps the host login page and branding, and logs in with the host own user only', async () => {
      const loginPage = await request(server.url).get('/admin/login');
      expect(loginPage.status).toBe(200);
      expect(loginPage.text).toContain('<title>Acme Support</title>');
      const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(loginPage.text)![1]);
      expect(state.branding.companyName).toBe('Acme Support');
      // neither the standalone app's login texts nor its logo
      expect(state.locale.translations.en.components.Login.welcomeHeader).not.toBe('Online chats');
      expect(loginPage.text).not.toContain('data:image/svg+xml');

      expect((await request(server.url).get('/admin/resources/Dialog')).headers.location).toBe('/admin/login');
      const wrong = await request(server.url).post('/admin/login').type('form').send({ email: server.email, password: `${server.password}x` });
      expect(wrong.status).toBe(200); // the login page again, with its error
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('serves the chats to the host manager: chat, widget visitor, list, dialogue, report', async () => {
      const admin = request.agent(server.url);
      const login = await admin.post('/admin/login').type('form').send({ email: server.email, password: server.password });
      expect([login.status, login.headers.location]).toEqual([302, '/admin']);

      // the host's own page beside the plugin's screens, and the chats dashboard as the landing page
      expect((await admin.get('/admin/api/pages/team')).body.users).toEqual([{ id: 1, email: server.email, name: 'Acme manager', role: 'manager' }]);
      expect((await admin.get('/admin/api/dashboard')).body).toMatchObject({ chats: [], maxPeriodDays: expect.any(Number) });

      const created = await admin.post('/admin/api/resources/Chat/actions/new').send({ name: 'Acme shop', greeting: 'Hi, this is Acme.' });
      expect(created.body.notice).toMatchObject({ type: 'success' });
      const key = created.body.record.params.publicKey as string;
      expect((await admin.get('/admin/api/dashboard')).body.chats).toEqual([{ id: created.body.record.params.id, name: 'Acme shop' }]);

      // a visitor opens the widget and writes
      const widget = (path: string, body: Record<string, unknown>) => request(server.url).post(`/widget/api/${key}${path}`).send(body);
      const session = await widget('/session', { clientId: 'visitor-1', create: true });
      expect(session.status).toBe(201);
      expect(session.body.messages.map((m: { text: string }) => m.text)).toEqual(['Hi, this is Acme.']);
      const dialogId = session.body.dialogId as string;
      const sent = await widget('/messages', { dialogId, clientId: 'visitor-1', clientMessageId: 'm-1', text: 'Where is my parcel?' });
      expect(sent.status).toBe(201);

      const active = await admin.get('/admin/api/resources/Dialog/actions/list?filters.status=active');
      expect(active.status).toBe(200);
      expect(active.body.records.map((r: { id: string }) => r.id)).toEqual([dialogId]);
      expect((await admin.get('/admin/api/resources/Dialog/actions/list?filters.status=closed')).body.meta.total).toBe(0);
      const shown = await admin.get(`/admin/api/resources/Dialog/records/${dialogId}/show`);
      expect(shown.status).toBe(200);
      expect(shown.body.record.params).toMatchObject({ id: dialogId, status: 'active', channel: 'web', messageCount: 2 });
      expect(shown.body.record.populated.chat.params.name).toBe('Acme shop');

      const exported = await admin.post('/admin/api/resources/Dialog/actions/chatsExport')
        .send({ type: 'all_sessions', query: 'filters.status=active', timeZone: 'UTC' });
      expect(exported.status).toBe(200);
      const jobId = exported.body.job.id as string;
      const deadline = Date.now() + MINUTE;
      let job: { status: string; downloadUrl: string };
      for (;;) {
        job = (await admin.get(`/admin/api/pages/chatsReports?id=${jobId}`)).body.job;
        if (job.status === 'ready' || job.status === 'error' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(job.status).toBe('ready');
      expect(job.downloadUrl).toBe(`/admin/chats-reports/${jobId}/download`);
      const file = await admin.get(`/admin/chats-reports/${jobId}/download`).buffer(true).parse(binary as never);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toContain(XLSX);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.body as ArrayBuffer);
      const sheet = book.worksheets[0];
      expect(sheet.getRow(1).getCell(1).value).toBe('Session id');
      expect(sheet.actualRowCount).toBe(2);
      expect(sheet.getRow(2).getCell(1).value).toBe(dialogId);

      // the manager became an operator (chat_operators) under the host's user id on first use
      const operators = await admin.get('/admin/api/resources/Operator/actions/list');
      expect(operators.body.records.map((r: { params: Record<string, unknown> }) => [r.params.userKey, r.params.name, r.params.email]))
        .toEqual([['1', 'Acme manager', server.email]]);
      // a logged-out browser gets the login page, not the file
      expect((await request(server.url).get(`/admin/chats-reports/${jobId}/download`)).headers.location).toBe('/admin/login');
    });

    it('bundles the host page and the chats components with the host AdminJS', async () => {
      const deadline = Date.now() + 2 * MINUTE;
      let bundle = '';
      while (Date.now() < deadline) {
        const response = await request(server.url).get('/admin/frontend/assets/components.bundle.js');
        if (response.status === 200 && response.text.includes('UserComponents.Team')) { bundle = response.text; break; }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(bundle).toContain('UserComponents.Team');
      expect(bundle).toContain('UserComponents.ChatsDialogShow');
      expect(bundle).toContain('UserComponents.ChatsExportReport');
    }, 3 * MINUTE);
  });
});
