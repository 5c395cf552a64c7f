import type { EmulatorRequest, EmulatorResponse, Router } from '../harness.js';
import { bodyField } from './http.js';
import { failure, notFound } from './shapes.js';
import { buildTree, flatten, isAncestor, storeBlob, storeCommit, type CommitRecord, type GitRepoRecord, type GitState, type TreeEntry } from './git-state.js';

/**
 * The Git Data API (refs, blobs, trees, commits) as GitHub documents it: a 404 for an unknown
 * repository or object, 409 "Git Repository is empty." for a repository with no commit, and
 * 422 for a ref that exists already, an update that is not a fast-forward, or an unknown sha.
 */

const DOC = 'https://docs.github.com/rest/git';
const MODES = new Set(['100644', '100755', '040000', '160000', '120000']);
const TYPES = new Set(['blob', 'tree', 'commit']);

type GitHandler = (request: EmulatorRequest, repo: GitRepoRecord, base: string) => EmulatorResponse;

function withGitRepo(state: GitState, documentation: string, handler: GitHandler): (request: EmulatorRequest) => EmulatorResponse {
  return (request) => {
    const fullName = `${request.params.owner ?? ''}/${request.params.repo ?? ''}`;
    const repo = state.get(fullName.toLowerCase());
    if (!repo) return notFound(documentation);
    if (repo.empty) return failure(409, 'Git Repository is empty.', documentation);
    return handler(request, repo, `${request.baseUrl}/repos/${repo.fullName}/git`);
  };
}

function refShape(base: string, ref: string, sha: string): Record<string, unknown> {
  return { ref, node_id: `REF_${Buffer.from(ref).toString('base64url')}`, url: `${base}/${ref}`, object: { type: 'commit', sha, url: `${base}/commits/${sha}` } };
}

function commitShape(base: string, commit: CommitRecord): Record<string, unknown> {
  const person = { name: 'latch-app[bot]', email: 'latch-app[bot]@users.noreply.github.com', date: commit.date };
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    url: `${base}/commits/${commit.sha}`,
    html_url: `https://github.com/commit/${commit.sha}`,
    author: person,
    committer: person,
    message: commit.message,
    tree: { sha: commit.tree, url: `${base}/trees/${commit.tree}` },
    parents: commit.parents.map((sha) => ({ sha, url: `${base}/commits/${sha}`, html_url: `https://github.com/commit/${sha}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

function treeShape(base: string, repo: GitRepoRecord, sha: string, entries: Iterable<[string, TreeEntry]>): Record<string, unknown> {
  const tree = [...entries].map(([path, entry]) => ({
    path,
    mode: entry.mode,
    type: entry.type,
    sha: entry.sha,
    ...(entry.type === 'blob' ? { size: repo.blobs.get(entry.sha)?.length ?? 0 } : {}),
    url: `${base}/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
  }));
  return { sha, url: `${base}/trees/${sha}`, tree, truncated: false };
}

/** `heads/main` from the one encoded segment Octokit sends, or from two raw segments. */
function refOf(request: EmulatorRequest): string {
  const { ref, kind, name } = request.params;
  return `refs/${ref ?? `${kind ?? ''}/${name ?? ''}`}`;
}

function getRef(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const ref = refOf(request);
  const sha = repo.refs.get(ref);
  return sha ? { status: 200, body: refShape(base, ref, sha) } : notFound(`${DOC}/refs#get-a-reference`);
}

function createRef(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const documentation = `${DOC}/refs#create-a-reference`;
  const ref = bodyField(request.body, 'ref');
  const sha = bodyField(request.body, 'sha');
  if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) return failure(422, "Reference name must start with 'refs/' and have at least two slashes.", documentation);
  if (typeof sha !== 'string' || !repo.commits.has(sha)) return failure(422, 'Object does not exist', documentation);
  if (repo.refs.has(ref)) return failure(422, 'Reference already exists', documentation);
  repo.refs.set(ref, sha);
  return { status: 201, body: refShape(base, ref, sha) };
}

function updateRef(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const documentation = `${DOC}/refs#update-a-reference`;
  const ref = refOf(request);
  const sha = bodyField(request.body, 'sha');
  const current = repo.refs.get(ref);
  if (current === undefined) return failure(422, 'Reference does not exist', documentation);
  if (typeof sha !== 'string' || !repo.commits.has(sha)) return failure(422, 'Object does not exist', documentation);
  if (bodyField(request.body, 'force') !== true && !isAncestor(repo, current, sha)) return failure(422, 'Update is not a fast forward', documentation);
  repo.refs.set(ref, sha);
  return { status: 200, body: refShape(base, ref, sha) };
}

function createBlob(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const content = bodyField(request.body, 'content');
  const encoding = bodyField(request.body, 'encoding') ?? 'utf-8';
  if (typeof content !== 'string' || (encoding !== 'utf-8' && encoding !== 'base64')) return failure(422, 'Invalid request.', `${DOC}/blobs#create-a-blob`);
  const sha = storeBlob(repo, Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'));
  return { status: 201, body: { url: `${base}/blobs/${sha}`, sha } };
}

function getBlob(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const sha = request.params.sha ?? '';
  const content = repo.blobs.get(sha);
  if (!content) return notFound(`${DOC}/blobs#get-a-blob`);
  // GitHub wraps the base64 text at 60 characters.
  const wrapped = content.toString('base64').replace(/.{60}/g, '$&\n');
  return { status: 200, body: { sha, node_id: `B_${sha.slice(0, 12)}`, size: content.length, url: `${base}/blobs/${sha}`, content: wrapped, encoding: 'base64' } };
}

/** Applies one `tree` item to the flat view; returns why it is refused, if it is. */
function applyTreeItem(repo: GitRepoRecord, files: Map<string, TreeEntry>, item: unknown): string | undefined {
  const path = bodyField(item, 'path');
  const mode = bodyField(item, 'mode');
  const type = bodyField(item, 'type');
  const sha = bodyField(item, 'sha');
  const content = bodyField(item, 'content');
  if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.endsWith('/')) return 'tree.path is invalid';
  if (typeof mode !== 'string' || !MODES.has(mode) || typeof type !== 'string' || !TYPES.has(type)) return `tree.mode or tree.type of ${path} is invalid`;
  if (sha !== undefined && content !== undefined) return `tree.sha and content are both given for ${path}`;
  for (const existing of [...files.keys()]) if (existing === path || existing.startsWith(`${path}/`)) files.delete(existing);
  if (sha === null) return undefined;
  if (typeof content === 'string') {
    files.set(path, { name: path, mode, type: 'blob', sha: storeBlob(repo, Buffer.from(content)) });
    return undefined;
  }
  if (typeof sha !== 'string') return `tree.sha of ${path} is missing`;
  if (type === 'blob' && !repo.blobs.has(sha)) return `tree.sha ${sha} is not a valid blob`;
  if (type === 'tree') {
    if (!repo.trees.has(sha)) return `tree.sha ${sha} is not a valid tree`;
    for (const [inner, entry] of flatten(repo, sha, `${path}/`)) if (entry.type !== 'tree') files.set(inner, entry);
    return undefined;
  }
  files.set(path, { name: path, mode, type: type === 'commit' ? 'commit' : 'blob', sha });
  return undefined;
}

function createTree(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const documentation = `${DOC}/trees#create-a-tree`;
  const items = bodyField(request.body, 'tree');
  const baseTree = bodyField(request.body, 'base_tree');
  if (!Array.isArray(items)) return failure(422, 'Invalid tree info', documentation);
  if (baseTree !== undefined && (typeof baseTree !== 'string' || !repo.trees.has(baseTree))) return failure(422, 'base_tree is not a valid tree', documentation);
  const files = new Map([...(typeof baseTree === 'string' ? flatten(repo, baseTree) : new Map<string, TreeEntry>())].filter(([, entry]) => entry.type !== 'tree'));
  for (const item of items) {
    const refused = applyTreeItem(repo, files, item);
    if (refused) return failure(422, refused, documentation);
  }
  const sha = buildTree(repo, files);
  return { status: 201, body: treeShape(base, repo, sha, (repo.trees.get(sha) ?? []).map((entry) => [entry.name, entry])) };
}

function getTree(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const sha = request.params.sha ?? '';
  const entries = repo.trees.get(sha);
  if (!entries) return notFound(`${DOC}/trees#get-a-tree`);
  const recursive = request.query.has('recursive');
  return { status: 200, body: treeShape(base, repo, sha, recursive ? flatten(repo, sha) : entries.map((entry) => [entry.name, entry])) };
}

function createCommit(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const documentation = `${DOC}/commits#create-a-commit`;
  const message = bodyField(request.body, 'message');
  const tree = bodyField(request.body, 'tree');
  const parents = bodyField(request.body, 'parents') ?? [];
  if (typeof message !== 'string' || typeof tree !== 'string') return failure(422, 'Invalid request.', documentation);
  if (!repo.trees.has(tree)) return failure(422, 'Tree SHA does not exist', documentation);
  if (!Array.isArray(parents) || !parents.every((parent): parent is string => typeof parent === 'string' && repo.commits.has(parent))) {
    return failure(422, 'Parent SHA does not exist or is not a commit object', documentation);
  }
  const commit = storeCommit(repo, { tree, parents, message, date: new Date().toISOString() });
  return { status: 201, body: commitShape(base, commit) };
}

function getCommit(request: EmulatorRequest, repo: GitRepoRecord, base: string): EmulatorResponse {
  const commit = repo.commits.get(request.params.sha ?? '');
  return commit ? { status: 200, body: commitShape(base, commit) } : notFound(`${DOC}/commits#get-a-commit-object`);
}

export function addGitRoutes(router: Router, state: GitState): void {
  const prefix = '/repos/:owner/:repo/git';
  const route = (method: string, path: string, documentation: string, handler: GitHandler) =>
    router.route(method, `${prefix}${path}`, withGitRepo(state, `${DOC}/${documentation}`, handler));
  route('GET', '/ref/:ref', 'refs#get-a-reference', getRef);
  route('GET', '/ref/:kind/:name', 'refs#get-a-reference', getRef);
  route('POST', '/refs', 'refs#create-a-reference', createRef);
  route('PATCH', '/refs/:ref', 'refs#update-a-reference', updateRef);
  route('PATCH', '/refs/:kind/:name', 'refs#update-a-reference', updateRef);
  route('POST', '/blobs', 'blobs#create-a-blob', createBlob);
  route('GET', '/blobs/:sha', 'blobs#get-a-blob', getBlob);
  route('POST', '/trees', 'trees#create-a-tree', createTree);
  route('GET', '/trees/:sha', 'trees#get-a-tree', getTree);
  route('POST', '/commits', 'commits#create-a-commit', createCommit);
  route('GET', '/commits/:sha', 'commits#get-a-commit-object', getCommit);
}
