// The full Prisma DMMF saved by prisma/full-dmmf-generator.cjs at `prisma generate`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DMMF } from '@prisma/generator-helper';

export type DmmfModel = DMMF.Model;
export interface Datamodel { models: DMMF.Model[]; enums: DMMF.DatamodelEnum[] }

const DMMF_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../generated/dmmf.json');
let cached: Datamodel | undefined;

export function loadDatamodel(file = DMMF_PATH): Datamodel {
  if (!cached) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing: run "npm run generate" (prisma generate) first.`);
    }
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as Datamodel;
  }
  return cached;
}

export function findModel(datamodel: Datamodel, name: string): DmmfModel {
  const model = datamodel.models.find((candidate) => candidate.name === name);
  if (!model) throw new Error(`Prisma model ${name} is missing from the schema: add the adminjs-chats models.`);
  return model;
}
