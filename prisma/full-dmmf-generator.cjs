#!/usr/bin/env node
// Prisma generator that saves the full DMMF datamodel as JSON. The client engine ships a trimmed
// runtime DMMF (no isId, isRequired, ...) which @adminjs/prisma cannot work with.
const fs = require('node:fs');
const path = require('node:path');
const { generatorHandler } = require('@prisma/generator-helper');

generatorHandler({
  onManifest: () => ({ prettyName: 'Full DMMF for AdminJS', defaultOutput: '../src/generated/dmmf.json' }),
  onGenerate: async (options) => {
    const output = options.generator.output?.value;
    if (!output) throw new Error('fullDmmf generator needs an output path');
    fs.mkdirSync(path.dirname(output), { recursive: true });
    const { models, enums } = options.dmmf.datamodel;
    fs.writeFileSync(output, JSON.stringify({ models, enums }, null, 1));
  },
});
