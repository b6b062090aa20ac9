// Transpiles src/ and bench/ to plain JS under tmp/bench-build so benchmark children run on bare
// node: tsx's loader thread adds ~45 MB RSS that would blur the figures being measured.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourcesUnder(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Returns the path of the transpiled `entry` (a repo-relative .ts path). */
export function transpileForNode(repoRoot: string, entry: string): string {
  const outDir = join(repoRoot, 'tmp', 'bench-build');
  for (const source of [...sourcesUnder(join(repoRoot, 'src')), ...sourcesUnder(join(repoRoot, 'bench'))]) {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: source,
    });
    const target = join(outDir, relative(repoRoot, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return join(outDir, entry).replace(/\.ts$/, '.js');
}
