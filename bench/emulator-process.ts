import { startGithubEmulator, type GithubEmulator, type GithubSeed } from '../src/platforms/github/emulator.js';

/**
 * The benchmark's GitHub emulator, in its own process so Latch's CPU time and peak memory
 * are measured alone. Speaks to the parent over IPC.
 */
type Message = { type: 'start'; seed: GithubSeed; latencyMs: number; token: string } | { type: 'stats' } | { type: 'stop' };

let emulator: GithubEmulator | undefined;

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'start') {
      emulator = await startGithubEmulator({ seed: message.seed, token: message.token, switches: { latencyMs: message.latencyMs } });
      process.send?.({ type: 'started', url: emulator.url });
    } else if (message.type === 'stats') {
      const requests = emulator?.requests ?? [];
      const reads = requests.filter((request) => request.method === 'GET').length;
      process.send?.({ type: 'stats', reads, writes: requests.length - reads });
      requests.length = 0;
    } else {
      await emulator?.close();
      process.exit(0);
    }
  })();
});
