// README "Use in your AdminJS app" is examples/host-app's code: every block after a
// `<!-- readme:<file> -->` comment is that file's part between `// readme:begin` and
// `// readme:end`, verbatim; its install commands name exactly the example's dependencies (the
// package's peers among them); its copy-the-models script is the example's. (The example itself
// runs in example-host-app.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const README = read('README.md');
const SECTION = README.slice(README.indexOf('## Use in your AdminJS app'), README.indexOf('\n## ', README.indexOf('## Use in your AdminJS app') + 1));
const EXAMPLE = JSON.parse(read('examples/host-app/package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The lines of a file between its readme markers (each exactly once). */
function markedPart(file: string): string {
  const text = read(file);
  const begin = text.split('// readme:begin\n');
  const end = text.split('// readme:end\n');
  if (begin.length !== 2 || end.length !== 2) throw new Error(`${file} needs exactly one "// readme:begin" and one "// readme:end" line`);
  return text.slice(text.indexOf('// readme:begin\n') + '// readme:begin\n'.length, text.indexOf('// readme:end\n'));
}

describe('README "Use in your AdminJS app"', () => {
  it('shows the marked code of examples/host-app as it is', () => {
    const blocks = [...SECTION.matchAll(/<!-- readme:(\S+) -->\n```js\n([\s\S]*?)```/g)].map((m) => ({ file: m[1], code: m[2] }));
    expect(blocks.map((b) => b.file)).toEqual(['examples/host-app/database.js', 'examples/host-app/server.js']);
    for (const block of blocks) {
      expect({ file: block.file, code: block.code }).toEqual({ file: block.file, code: markedPart(block.file) });
    }
    // the parts the section explains are in the code it shows
    const server = blocks[1].code;
    for (const part of ['createChatsAdmin(', 'fromCurrentAdmin', 'logger:', 'dashboard: true', 'chats.adminOptions(', 'chats.publicRouter()', 'chats.adminRouter(admin, router)', 'await migrate(sql)', 'await chats.start()']) {
      expect([part, server.includes(part)]).toEqual([part, true]);
    }
  });

  it('installs exactly what the example depends on, the package peers among them', () => {
    const commands = SECTION.split('\n').filter((line) => line.startsWith('npm install '));
    const named = commands.flatMap((line) => line.replace(/#.*/, '').trim().split(/\s+/).slice(2).filter((word) => !word.startsWith('-')));
    const example = [...Object.keys(EXAMPLE.dependencies), ...Object.keys(EXAMPLE.devDependencies)];
    expect([...named].sort()).toEqual([...example].sort());
    const peers = Object.keys((JSON.parse(read('package.json')) as { peerDependencies: Record<string, string> }).peerDependencies);
    expect(peers.filter((peer) => !named.includes(peer))).toEqual([]);
    expect(commands.find((line) => line.includes('--save-dev'))).toBe('npm install --save-dev prisma');
    expect(Object.keys(EXAMPLE.devDependencies)).toEqual(['prisma']);
  });

  it("copies the models with the example's own script", () => {
    const script = EXAMPLE.scripts['chats:copy-models'];
    expect(script).toContain('node_modules/adminjs-chats/prisma/schema/chats.prisma');
    expect(SECTION).toContain(`"chats:copy-models": ${JSON.stringify(script)},`);
    expect(EXAMPLE.scripts.setup).toBe('npm run chats:copy-models && npm run generate');
  });
});
