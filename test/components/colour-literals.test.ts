// The AdminJS components take every colour from the theme (components/theme.ts says how), so that
// a host's theme, @adminjs/themes' dark one included, repaints them: no file under components/
// writes a colour as a hex, rgb() or hsl() literal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const COMPONENTS = path.join(ROOT, 'components');

const LITERALS = [
  /#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})\b/i, // #3040D6, #fff, #ffffff80
  /\b(?:rgba?|hsla?)\(/i, // rgb(12, 30, 41), rgba(…), hsl(…)
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** `file:line: text` of every line with a colour literal. */
function colourLiterals(files: string[]): string[] {
  return files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').flatMap((line, index) => (
    LITERALS.some((literal) => literal.test(line)) ? [`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`] : []
  )));
}

describe('colours of the components', () => {
  it('come from the theme: no hex, rgb() or hsl() literal under components/', () => {
    const files = sourceFiles(COMPONENTS);
    expect(files.length).toBeGreaterThan(20); // the folder is the one with the components
    expect(colourLiterals(files)).toEqual([]);
  });

  it('finds the literals it looks for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'colour-literals-'));
    try {
      const file = path.join(dir, 'Sample.tsx');
      fs.writeFileSync(file, [
        "const a = { color: '#3040D6' };",
        "const b = { fill: '#fff' };",
        "const c = { boxShadow: '0 4px 16px rgba(12,30,41,0.15)' };",
        "const d = { background: 'rgb(0, 0, 0)' };",
        "const e = <Text color=\"grey60\">Rule #1</Text>;", // a number sign is not a colour
      ].join('\n'));
      expect(colourLiterals([file]).map((found) => found.replace(/^.*Sample\.tsx:/, ''))).toEqual([
        "1: const a = { color: '#3040D6' };",
        "2: const b = { fill: '#fff' };",
        "3: const c = { boxShadow: '0 4px 16px rgba(12,30,41,0.15)' };",
        "4: const d = { background: 'rgb(0, 0, 0)' };",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
