import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { SandboxPlatforms } from './platforms.js';

/** What `latch sandbox push` sends: the branch and its commits, newest first, as git has them. */
export const PushRequest = z.strictObject({
  branch: z.string().min(1),
  pusher: z.string().min(1),
  commits: z
    .array(z.strictObject({ sha: z.string().regex(/^[0-9a-f]{40}$/), parents: z.array(z.string()), message: z.string(), date: z.string(), files: z.record(z.string(), z.string()) }))
    .min(1),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** The sandbox's answer to a push. */
export const PushAnswer = z.object({ merged: z.array(z.number().int()) });
export type PushAnswer = z.infer<typeof PushAnswer>;

/** The sandbox's own routes, beside the emulators. */
export interface ControlServer {
  url: string;
  close(): Promise<void>;
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * What the platforms have no API for and a person does outside them: `POST /push` is
 * `git push` to the access repository (GitHub's git protocol is not emulated), `GET /state`
 * is every platform's state now, in the state file's shape.
 */
export async function startControl(platforms: SandboxPlatforms, repository: string, port: number): Promise<ControlServer> {
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method === 'GET' && request.url === '/state') return answer(response, 200, platforms.snapshot());
      if (request.method !== 'POST' || request.url !== '/push') return answer(response, 404, { message: 'Not Found' });
      const push = PushRequest.safeParse(await bodyOf(request));
      if (!push.success) return answer(response, 422, { message: `invalid push: ${push.error.issues[0]?.message ?? 'bad body'}` });
      const result = platforms.github.push(repository, push.data.branch, push.data.commits, push.data.pusher);
      return answer(response, 200, result satisfies PushAnswer);
    })().catch((error: unknown) => answer(response, 500, { message: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
