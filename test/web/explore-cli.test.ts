// `vk-extmem explore` and the static server behind it: the URL it prints, what it serves (types,
// gzip, the page's security policy), what it refuses, and its usage errors.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cli } from '../helpers/cli.js';
import { serveStatic, type StaticServer } from '../../src/cli/explore.js';

function get(url: string, opts: { method?: string; gzip?: boolean; raw?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: opts.raw ?? u.pathname, method: opts.method ?? 'GET', headers: opts.gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveStatic', () => {
  let s: StaticServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vkx-serve-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'core.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(join(dir, 'sub', 'a.json'), JSON.stringify({ big: 'x'.repeat(5000) }));
    writeFileSync(join(tmpdir(), 'vkx-outside.txt'), 'secret');
    s = await serveStatic(dir, 0);
  });
  afterAll(async () => { await s.close(); });

  it('serves the page with its content security policy, .wasm as application/wasm', async () => {
    const page = await get(s.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const wasm = await get(`${s.url}core.wasm`);
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect([...wasm.body.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
  });

  it('compresses with gzip when the client accepts it', async () => {
    const r = await get(`${s.url}sub/a.json`, { gzip: true });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.body.length).toBeLessThan(500);
    expect(JSON.parse(gunzipSync(r.body).toString()).big).toHaveLength(5000);
  });

  it('answers HEAD without a body, and refuses other methods, missing files and paths outside the folder', async () => {
    const head = await get(s.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get(s.url, { method: 'POST' })).status).toBe(405);
    expect((await get(`${s.url}nope.js`)).status).toBe(404);
    expect((await get(s.url, { raw: '/../vkx-outside.txt' })).status).toBe(404);
    expect((await get(s.url, { raw: '/%2e%2e/vkx-outside.txt' })).status).toBe(404);
    expect((await get(s.url, { raw: '/%E0%A4%A' })).status).toBe(400);
  });
});

describe('vk-extmem explore', () => {
  it('prints its help', () => {
    const r = cli(['explore', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: vk-extmem explore [--port N]');
  });

  it('refuses a bad port with a usage error', () => {
    const r = cli(['explore', '--port', 'seventy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be a port number (0 … 65535), not "seventy"');
  });

  it('serves the built explorer and prints the URL; a taken port is a clear error', async () => {
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, ['bin/vk-extmem.js', 'explore', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      const url = await new Promise<string>((ok, fail) => {
        child!.stdout!.on('data', (c) => { text += c; const m = /explorer: (http:\/\/\S+)/.exec(text); if (m) ok(m[1]); });
        child!.on('exit', (code) => fail(new Error(`exited ${code} before printing a URL`)));
      });
      const page = await get(url);
      expect(page.body.toString()).toContain('<script type="module" src="app.js">');
      const index = JSON.parse((await get(`${url}library/index.json`)).body.toString());
      expect(index.profiles.length).toBeGreaterThanOrEqual(5);
      expect(index.scenarios.length).toBeGreaterThan(100);
      const taken = cli(['explore', '--port', new URL(url).port, '--no-build']);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toMatch(/port \d+ on 127\.0\.0\.1 is in use/);
    } finally {
      child?.kill('SIGTERM');
    }
  }, 120000);
});
