// The full Prisma DMMF of the plugin's models, saved by prisma/full-dmmf-generator.cjs at
// `prisma generate` and shipped with the package (dist/generated/dmmf.json).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A model of Prisma's DMMF (prisma generate's data model description), as @adminjs/prisma reads it. */
export interface DmmfModel { name: string; fields: readonly { name: string; kind: string; type: string; [flag: string]: unknown }[]; [key: string]: unknown }
export interface DmmfEnum { name: string; values: readonly { name: string; [key: string]: unknown }[]; [key: string]: unknown }
export interface Datamodel { models: readonly DmmfModel[]; enums: readonly DmmfEnum[] }

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
