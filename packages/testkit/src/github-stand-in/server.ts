import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type BareRepo, openBareRepo } from './bare-repo.ts';
import { mergePull, pullJson, type StoredPull } from './pulls.ts';

// A local HTTP stand-in for exactly the GitHub endpoints LoopTroop's delivery uses (issue 14): repository, pulls
// (create, list by head, get, update, merge), branch, compare, and the GraphQL ready-for-review mutation. It is a
// stand-in, not GitHub: only these routes, only the fields LoopTroop reads, and a request log tests assert.

export interface GithubRequest {
  method: string;
  /** Path without the `/api/v3` prefix, e.g. `/repos/acme/app/pulls`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** True when the request carried the stand-in's token. The token itself is never logged. */
  authorized: boolean;
  status: number;
}

export interface StartGithubStandInOptions {
  owner: string;
  repo: string;
  /** The bare repository that plays the GitHub repository (the test's `origin`). */
  gitDir: string;
  /** Requests must carry it (`Authorization: token …` or `Bearer …`); default `stand-in-token`. */
  token?: string;
  defaultBranch?: string;
}

export interface GithubStandIn {
  /** REST base URL (hand it to Octokit as `baseUrl`); GraphQL answers at `<url>/graphql`. */
  url: string;
  token: string;
  requests: GithubRequest[];
  pulls: StoredPull[];
  /** Merge a PR the way a person would on github.com: not through the API LoopTroop uses, not logged. */
  mergeByHand(number: number): string;
  /** Answer the next request matching `method` and `pathPattern` with `status` (once). */
  failNext(method: string, pathPattern: RegExp, status: number, message?: string): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function startGithubStandIn(options: StartGithubStandInOptions): Promise<GithubStandIn> {
  const token = options.token ?? 'stand-in-token';
  const { owner, repo: name } = options;
  const repo: BareRepo = openBareRepo(options.gitDir);
  const pulls: StoredPull[] = [];
  const requests: GithubRequest[] = [];
  const failures: { method: string; pattern: RegExp; status: number; message: string }[] = [];
  let baseUrl = '';
  const now = () => new Date().toISOString();
  const find = (n: number) => pulls.find((p) => p.number === n);
  const json = (pull: StoredPull) => pullJson(pull, repo, baseUrl, owner, name);

  type Answer = { status: number; body: unknown };
  const notFound: Answer = { status: 404, body: { message: 'Not Found' } };

  function rest(method: string, rel: string, query: Record<string, string>, body: Record<string, unknown>): Answer {
    if (method === 'GET' && rel === '') {
      const full = `${owner}/${name}`;
      return {
        status: 200,
        body: {
          full_name: full,
          default_branch: options.defaultBranch ?? 'main',
          permissions: { push: true, pull: true },
        },
      };
    }
    if (rel === '/pulls' && method === 'GET') {
      const head = query.head?.includes(':') ? query.head.split(':')[1] : query.head;
      const state = query.state ?? 'open';
      const list = pulls.filter((p) => (!head || p.head === head) && (state === 'all' || p.state === state));
      return { status: 200, body: list.map(json).reverse() };
    }
    if (rel === '/pulls' && method === 'POST') {
      const head = str(body.head)?.replace(`${owner}:`, '') ?? '';
      const base = str(body.base) ?? '';
      if (!repo.branchSha(head))
        return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] } };
      if (pulls.some((p) => p.head === head && p.state === 'open')) {
        return { status: 422, body: { message: `A pull request already exists for ${owner}:${head}.` } };
      }
      const number = pulls.length + 1;
      const pull: StoredPull = {
        number,
        nodeId: `PR_standin_${number}`,
        title: str(body.title) ?? '',
        body: str(body.body) ?? '',
        head,
        base,
        draft: body.draft === true,
        state: 'open',
        merged: false,
        mergeCommitSha: null,
        createdAt: now(),
        updatedAt: now(),
      };
      pulls.push(pull);
      return { status: 201, body: json(pull) };
    }
    const one = /^\/pulls\/(\d+)(\/merge)?$/.exec(rel);
    if (one) {
      const pull = find(Number(one[1]));
      if (!pull) return notFound;
      if (one[2] && method === 'PUT') return mergePull(pull, repo, str(body.sha), now());
      if (one[2] && method === 'GET') return pull.merged ? { status: 204, body: null } : notFound;
      if (method === 'GET') return { status: 200, body: json(pull) };
      if (method === 'PATCH') {
        if (typeof body.title === 'string') pull.title = body.title;
        if (typeof body.body === 'string') pull.body = body.body;
        if ((body.state === 'open' || body.state === 'closed') && !pull.merged) pull.state = body.state;
        pull.updatedAt = now();
        return { status: 200, body: json(pull) };
      }
    }
    const branch = /^\/branches\/(.+)$/.exec(rel);
    if (branch && method === 'GET') {
      const sha = repo.branchSha(decodeURIComponent(branch[1] ?? ''));
      return sha ? { status: 200, body: { name: decodeURIComponent(branch[1] ?? ''), commit: { sha } } } : notFound;
    }
    const compare = /^\/compare\/(.+)\.\.\.(.+)$/.exec(rel);
    if (compare && method === 'GET') {
      const [base, head] = [decodeURIComponent(compare[1] ?? ''), decodeURIComponent(compare[2] ?? '')];
      if (!repo.resolve(head.length === 40 ? head : `refs/heads/${head}`)) return notFound;
      const c = repo.compare(base, head);
      return {
        status: 200,
        body: { status: c.status, ahead_by: c.aheadBy, behind_by: c.behindBy, merge_base_commit: { sha: c.mergeBase } },
      };
    }
    return notFound;
  }

  function graphql(body: Record<string, unknown>): Answer {
    const query = str(body.query) ?? '';
    const variables = record(body.variables);
    if (!query.includes('markPullRequestReadyForReview')) {
      return { status: 200, body: { errors: [{ message: 'The stand-in only knows markPullRequestReadyForReview' }] } };
    }
    const id = str(variables.pullRequestId);
    const pull = pulls.find((p) => p.nodeId === id);
    if (!pull)
      return {
        status: 200,
        body: { errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${id}'` }] },
      };
    pull.draft = false;
    pull.updatedAt = now();
    return {
      status: 200,
      body: { data: { markPullRequestReadyForReview: { pullRequest: { id: pull.nodeId, isDraft: false } } } },
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v3/, '').replace(/\/$/, '') || '/';
    const method = req.method ?? 'GET';
    const body = await readJson(req);
    const auth = req.headers.authorization ?? '';
    const authorized = auth === `token ${token}` || auth === `bearer ${token}` || auth === `Bearer ${token}`;
    const query = Object.fromEntries(url.searchParams.entries());
    const answer = ((): Answer => {
      const failure = failures.findIndex((f) => f.method === method && f.pattern.test(path));
      if (failure >= 0) {
        const [f] = failures.splice(failure, 1);
        return { status: f?.status ?? 500, body: { message: f?.message ?? 'stand-in failure' } };
      }
      if (!authorized) return { status: 401, body: { message: 'Bad credentials' } };
      if (method === 'POST' && (path === '/graphql' || path === '/api/graphql')) return graphql(record(body));
      const prefix = `/repos/${owner}/${name}`;
      if (path !== prefix && !path.startsWith(`${prefix}/`)) return notFound;
      return rest(method, path.slice(prefix.length), query, record(body));
    })();
    requests.push({ method, path, query, body, authorized, status: answer.status });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === null ? undefined : JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('github stand-in: no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: baseUrl,
    token,
    requests,
    pulls,
    mergeByHand(number) {
      const pull = find(number);
      if (!pull) throw new Error(`github stand-in: no pull request #${number}`);
      pull.draft = false;
      const answer = mergePull(pull, repo, undefined, now());
      if (answer.status !== 200) throw new Error(`github stand-in: cannot merge #${number}: ${answer.body.message}`);
      return answer.body.sha;
    },
    failNext(method, pattern, status, message) {
      failures.push({ method, pattern, status, message: message ?? `stand-in failure ${status}` });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
