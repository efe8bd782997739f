// Starts the native quote service on an ephemeral loopback port for tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repo } from './lib.mjs';

export const serviceBinary =
  process.env.TAOQUOTE_SERVICE ??
  path.join(repo, 'build/native-debug/native/service/taoquote-service');

/** Spawns the service; resolves to { url, stop } once it logs {"event":"listening","port":N}. */
export function startService(args) {
  const child = spawn(serviceBinary, ['--address', '127.0.0.1', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start:\n${log}`));
    }, 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = /"event":"listening"[^\n]*"port":(\d+)/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        log: () => log,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${log}`));
    });
  });
}

/** The service over the sample rulebook, serving the built demo (or `staticDir`). */
export function startDemoService(staticDir = path.join(repo, 'web-demo/dist'), extra = []) {
  return startService([
    '--rulebook',
    path.join(repo, 'core/rules/sample-rulebook.json'),
    '--static-dir',
    staticDir,
    ...extra,
  ]);
}
