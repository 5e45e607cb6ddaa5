// `vk-extmem explore`: serves the spec explorer (the static folder scripts/build-web.mjs writes) on
// localhost. In a checkout it rebuilds the folder first when the sources are newer; an installed
// package carries the folder ready-built.
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { parse, UsageError } from './args.js';

export const EXPLORE_HELP = `Usage: vk-extmem explore [--port N] [--host ADDR] [--open] [--no-build]

Serves the spec explorer — the handle-type catalogue, the chain builder, the import resolver, the
scenario playground and the profile comparison, all running the same WebAssembly core as this CLI —
on http://127.0.0.1:8787/ and prints the URL. Stop it with Ctrl-C.

  --port N      the port (default 8787; 0 picks a free one)
  --host ADDR   the address to listen on (default 127.0.0.1, this machine only)
  --open        open the URL in the default browser as well
  --no-build    serve the built folder as it is, even if the explorer's sources are newer

\`npm run build:web\` writes the same folder (dist/web/) for any static host; serve .wasm files as
application/wasm there.`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.map': 'application/json; charset=utf-8',
  '.jsonl': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};
// The page runs only its own files and evaluates no code: the schemas are compiled at build time
// (scripts/gen-schemas.mjs), so no 'unsafe-eval'; 'wasm-unsafe-eval' lets it compile the core's WebAssembly.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const here = fileURLToPath(new URL('.', import.meta.url));
/** The repository (or installed package) root: one level above dist/cli.js, two above src/cli/explore.ts. */
function packageRoot(): string {
  for (const up of ['..', '../..']) {
    const dir = resolve(here, up);
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'bin', 'vk-extmem.js'))) return dir;
  }
  return resolve(here, '..');
}

export function webRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

function newest(dir: string): number {
  let t = 0;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** Whether dist/web must be (re)built: missing, or older than web-demo/ or the core (checkouts only). */
export function needsBuild(root = packageRoot()): boolean {
  const app = join(root, 'dist', 'web', 'app.js');
  if (!existsSync(app)) return true;
  const sources = [join(root, 'web-demo'), join(root, 'dist', 'core.browser.wasm'), join(root, 'dist', 'index.js')].filter(existsSync);
  const built = statSync(app).mtimeMs;
  return sources.some((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs) > built);
}

function buildWeb(root: string, log: (s: string) => void): void {
  const script = join(root, 'scripts', 'build-web.mjs');
  if (!existsSync(script) || !existsSync(join(root, 'web-demo'))) {
    if (!existsSync(join(root, 'dist', 'web', 'index.html'))) throw new UsageError(`the explorer is not built (${join(root, 'dist', 'web')} is missing) and its sources are not here to build it`);
    return; // an installed package: serve what it carries
  }
  if (!existsSync(join(root, 'dist', 'core.browser.wasm'))) throw new UsageError('the core is not built: run `npm run build:web` (or `npm run build`) first');
  log('building the explorer (scripts/build-web.mjs)…\n');
  const r = spawnSync(process.execPath, [script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new UsageError('building the explorer failed (see above)');
}

export interface StaticServer { url: string; server: Server; close(): Promise<void> }

/** Serves `dir` (GET and HEAD only, no listing, nothing outside it), gzip when the client takes it. */
export function serveStatic(dir: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const rootDir = resolve(dir);
  const gz = new Map<string, { mtime: number; body: Buffer }>();
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { Allow: 'GET, HEAD' }).end(); return; }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(rootDir, path));
    if (!file.startsWith(rootDir + sep) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    const st = statSync(file);
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CSP;
    let body: Buffer;
    const wantsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && type !== 'image/png';
    if (wantsGzip) {
      let c = gz.get(file);
      if (!c || c.mtime !== st.mtimeMs) { c = { mtime: st.mtimeMs, body: gzipSync(readFileSync(file), { level: 9 }) }; gz.set(file, c); }
      body = c.body;
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    } else body = readFileSync(file);
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? new UsageError(`port ${port} on ${host} is in use; pick another with --port (0 picks a free one)`) : e));
    server.listen(port, host, () => {
      const a = server.address();
      const p = typeof a === 'object' && a ? a.port : port;
      const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      ok({ url: `http://${shown}:${p}/`, server, close: () => new Promise((d) => server.close(() => d())) });
    });
  });
}

function openBrowser(url: string, log: (s: string) => void): void {
  const [cmd, args] = process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => log(`could not open a browser (${cmd} is not available); open ${url} yourself\n`));
  child.unref();
}

export async function runExplore(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string', short: 'p' }, host: { type: 'string' }, open: { type: 'boolean' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) { out.write(EXPLORE_HELP + '\n'); return 0; }
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0 … 65535), not "${values.port}"`);
  const host = String(values.host ?? '127.0.0.1');
  const log = (s: string) => process.stderr.write(s);
  const root = packageRoot();
  if (!values['no-build'] && needsBuild(root)) buildWeb(root, log);
  if (!existsSync(join(webRoot(), 'index.html'))) throw new UsageError(`the explorer is not built: ${webRoot()} has no index.html (run \`npm run build:web\`)`);
  const s = await serveStatic(webRoot(), port, host);
  out.write(`vk-extmem explorer: ${s.url}\n`);
  log('serving the spec explorer; press Ctrl-C to stop\n');
  if (values.open) openBrowser(s.url, log);
  await new Promise<void>((done) => {
    const stop = () => { void s.close().then(done); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
