// Transpiles the bench and the writer to plain JS under tmp/ so bench children can run on bare
// node: tsx's loader runs in its own thread (~45 MB RSS) that would blur the writer's own peak.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** Returns the path of the transpiled `entry` (a repo-relative .ts path). */
export function transpileForNode(repoRoot: string, entry: string): string {
  const outDir = join(repoRoot, 'tmp', 'xlsx-bench-build');
  const sources = [
    ...readdirSync(join(repoRoot, 'bench')).filter((f) => /^xlsx-.*\.ts$/.test(f)).map((f) => join(repoRoot, 'bench', f)),
    ...readdirSync(join(repoRoot, 'src', 'xlsx')).filter((f) => f.endsWith('.ts')).map((f) => join(repoRoot, 'src', 'xlsx', f)),
  ];
  for (const source of sources) {
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
