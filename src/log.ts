import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

/** Every path where a credential could end up in a log line; pino replaces them before writing. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'request.headers.authorization',
  'err.request.headers.authorization',
  'err.response.headers.authorization',
  'config.headers.authorization',
  '*.accessToken',
  'accessToken',
];

export type LogFormat = 'pretty' | 'json';

export interface LogOptions {
  format?: LogFormat;
  level?: string;
  /** Where lines go; defaults to stderr so stdout stays for plans and reports. */
  destination?: NodeJS.WritableStream;
}

/** `warn: resource could not be read kind=drive-folder resource=1AbC`: pino's JSON line, for people. */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, msg, time, ...rest } = record;
  const details = Object.entries(rest).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [`${String(level)}:`, ...(time ? [String(time)] : []), String(msg ?? ''), ...details].join(' ');
}

/** Writes each (already redacted) JSON line as a readable one. */
function prettyStream(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = chunk.toString().split('\n').filter((line) => line.length > 0);
      target.write(lines.map((line) => `${prettyLine(line)}\n`).join(''));
      done();
    },
  });
}

/** One logger per run. Messages are static; details go in the metadata object. */
export function createLogger(options: LogOptions = {}): Logger {
  const target = options.destination ?? process.stderr;
  const destination = options.format === 'json' ? target : prettyStream(target);
  return pino(
    {
      level: options.level ?? process.env.LATCH_LOG_LEVEL ?? 'warn',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
      timestamp: options.format === 'json' ? pino.stdTimeFunctions.isoTime : false,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination as pino.DestinationStream,
  );
}

/** Removes every known secret value from free text (error messages from libraries quote requests). */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(/(authorization["']?\s*[:=]\s*["']?)(bearer|token)\s+[^\s"',}]+/gi, '$1$2 [redacted]');
}

/** Credential values present in the environment, so messages can be scrubbed of them. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name]) => /(TOKEN|SECRET|PASSWORD|PRIVATE_KEY|CREDENTIALS|CACHE_KEY)/.test(name))
    .map(([, value]) => value ?? '')
    .filter((value) => value.length >= 4);
}
