// The widget's static files (src/widget/assets/): plain JS and CSS, no build step. Read once at
// start; each gets a content hash so the chat page can link them with `?v=<hash>` and let browsers
// cache them for a year, while /widget.js (whose URL is pasted into sites) is cached briefly.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Request, Response } from 'express';

export const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export interface Asset { name: string; body: Buffer; type: string; hash: string }

const TYPES: Record<string, string> = { '.js': 'application/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export const ASSET_NAMES = ['loader.js', 'chat-client.js', 'chat.js', 'chat.css'] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

export function loadAssets(dir = ASSETS_DIR): Record<AssetName, Asset> {
  const assets = {} as Record<AssetName, Asset>;
  for (const name of ASSET_NAMES) {
    const body = fs.readFileSync(path.join(dir, name));
    assets[name] = { name, body, type: TYPES[path.extname(name)], hash: createHash('sha256').update(body).digest('hex').slice(0, 16) };
  }
  return assets;
}

/** Sends an asset with an ETag; `immutable` when the URL carries the content hash. */
export function sendAsset(req: Request, res: Response, asset: Asset, maxAgeSeconds: number): void {
  const etag = `"${asset.hash}"`;
  const versioned = req.query.v === asset.hash;
  res.set({
    'Content-Type': asset.type,
    ETag: etag,
    'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : `public, max-age=${maxAgeSeconds}`,
    'X-Content-Type-Options': 'nosniff',
    // the loader is fetched by other sites' pages, including ones that require CORP
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}
