import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets, secretValues } from '../src/log.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('logging', () => {
  it('redacts tokens and authorization headers before writing', async () => {
    const out = capture();
    const logger = createLogger({ format: 'json', level: 'info', destination: out.stream });
    logger.info({ token: 'ghs_abc123456', request: { headers: { authorization: 'token ghs_abc123456' } } }, 'request sent');
    logger.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.text()).toContain('request sent');
    expect(out.text()).toContain('[redacted]');
    expect(out.text()).not.toContain('ghs_abc123456');
  });

  it('writes readable lines for people, still redacted', async () => {
    const out = capture();
    const logger = createLogger({ format: 'pretty', level: 'info', destination: out.stream });
    logger.warn({ kind: 'drive-folder', token: 'ya29.secret99' }, 'resource could not be read');
    await new Promise((resolve) => setImmediate(resolve));
    expect(out.text()).toBe('warn: resource could not be read kind=drive-folder token=[redacted]\n');
  });

  it('scrubs known secret values and bearer tokens from free text', () => {
    const text = 'failed with Authorization: Bearer ya29.zzz and token xoxb-1234-5678';
    expect(scrubSecrets(text, ['xoxb-1234-5678'])).toBe('failed with Authorization: Bearer [redacted] and token [redacted]');
  });

  it('collects credential values from the environment only', () => {
    expect(secretValues({ GITHUB_TOKEN: 'ghs_1234', SLACK_TOKEN: 'xoxb-99999', PATH: '/usr/bin', LATCH_TODAY: '2026-11-23' }).sort()).toEqual(['ghs_1234', 'xoxb-99999']);
  });
});
