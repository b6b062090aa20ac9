// For the widget's browser test: the app on http://localhost:<p1> (its event-stream sockets
// tracked, so a test can cut them like a network failure) and a customer's website on
// http://127.0.0.1:<p2> — another origin and another site — whose pages carry the frame code.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express } from 'express';

export interface Listening { port: number; close(): Promise<void> }

async function listenAll(server: http.Server, host?: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // no host: dual-stack, so "localhost" works whichever address the browser picks
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface AppServer extends Listening {
  /** Destroys every open widget event stream (the browser sees a dropped connection). */
  cutEventStreams(): number;
}

export async function serveApp(app: Express): Promise<AppServer> {
  const streams = new Set<Socket>();
  const server = http.createServer((req, res) => {
    if (req.url?.includes('/events?')) {
      streams.add(req.socket);
      req.socket.once('close', () => streams.delete(req.socket));
    }
    app(req, res);
  });
  const listening = await listenAll(server);
  return {
    ...listening,
    cutEventStreams: () => {
      const count = streams.size;
      for (const socket of streams) socket.destroy();
      streams.clear();
      return count;
    },
  };
}

export interface HostSite extends Listening {
  /** The snippets pasted into the pages (set once the admin has copied them). */
  snippets: { script: string; iframe: string };
}

/**
 * Every path is a page of a small single-page shop with the script loader pasted at the end of the
 * body (like a site's layout template); /inline has the iframe snippet instead.
 */
export async function serveHostSite(): Promise<HostSite> {
  const snippets = { script: '', iframe: '' };
  const server = http.createServer((req, res) => {
    const inline = req.url?.startsWith('/inline');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flower shop — home</title></head>
<body style="font-family: sans-serif; min-height: 900px">
<h1>Flower shop</h1>
<nav><a href="/">Home</a> <a href="/catalog">Catalog</a></nav>
<p>Roses, tulips and lilies, delivered every day.</p>
${inline ? snippets.iframe : snippets.script}
</body></html>`);
  });
  const listening = await listenAll(server);
  return { ...listening, snippets };
}
