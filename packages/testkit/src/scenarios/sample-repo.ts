import { type CreateTempRepoOptions, createTempRepo, type TempRepo } from '../git-fixture.ts';

// The sample repository the coding scenarios work on (issue 13 "Done means"): a tiny node-only module whose real
// acceptance test, test/login.test.js, fails before the beads (src/auth.js and src/session.js do not exist yet) and
// passes after them. No installs: `node --test <files>` is the whole toolchain (node 20 takes explicit files).

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** The acceptance test the ticket must turn green; it is in the repository before any bead runs. */
export const ACCEPTANCE_TEST = 'test/login.test.js';
/** A test that passes from the start: what the setup probes run. */
export const SMOKE_TEST = 'test/index.test.js';

/** The repository's first commit. */
export const SAMPLE_REPO_FILES: Record<string, string> = {
  'README.md': lines(
    '# sample-auth',
    '',
    'Login and sessions for the sample app. Run the tests with `node --test test/*.js`.',
  ),
  'package.json': lines(
    JSON.stringify({ name: 'sample-auth', private: true, type: 'module', scripts: { test: 'node --test' } }, null, 2),
  ),
  'src/index.js': lines("export const hello = () => 'hello';"),
  [SMOKE_TEST]: lines(
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { hello } from '../src/index.js';",
    '',
    "test('says hello', () => assert.equal(hello(), 'hello'));",
  ),
  [ACCEPTANCE_TEST]: lines(
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { login, loginSso } from '../src/auth.js';",
    "import { getSession } from '../src/session.js';",
    '',
    "test('a correct password opens a session', () => {",
    "  assert.equal(getSession(login('ada', 'lovelace').id).user, 'ada');",
    '});',
    "test('a wrong password is refused', () => {",
    "  assert.throws(() => login('ada', 'wrong'), /invalid credentials/);",
    '});',
    "test('a known SSO assertion opens a session', () => {",
    "  assert.equal(getSession(loginSso({ subject: 'ada' }).id).user, 'ada');",
    '});',
  ),
};

const TEST_HEADER = ["import assert from 'node:assert/strict';", "import { test } from 'node:test';"];

/** What the scripted agent writes, bead by bead (the bead ids of planningScenario's expansion). */
export const SAMPLE_CODE = {
  session: lines(
    "import { randomUUID } from 'node:crypto';",
    '',
    'const DAY_MS = 24 * 60 * 60 * 1000;',
    'const sessions = new Map();',
    '',
    'export function createSession(user, now = Date.now()) {',
    '  const session = { id: randomUUID(), user, expiresAt: now + DAY_MS };',
    '  sessions.set(session.id, session);',
    '  return session;',
    '}',
    '',
    'export function getSession(id, now = Date.now()) {',
    '  const session = sessions.get(id);',
    '  return session && session.expiresAt > now ? session : null;',
    '}',
  ),
  sessionTest: lines(
    ...TEST_HEADER,
    "import { createSession, getSession } from '../src/session.js';",
    '',
    "test('a new session can be read back', () => {",
    "  assert.equal(getSession(createSession('ada', 0).id, 1000).user, 'ada');",
    '});',
    "test('a session older than one day is rejected', () => {",
    "  assert.equal(getSession(createSession('ada', 0).id, 24 * 60 * 60 * 1000), null);",
    '});',
  ),
  /** The first attempt at password login: it never checks the password, so its own test fails. */
  authBuggy: lines(
    "import { createSession } from './session.js';",
    '',
    "const USERS = new Map([['ada', 'lovelace']]);",
    '',
    'export function login(user, _password) {',
    "  if (!USERS.has(user)) throw new Error('invalid credentials');",
    '  return createSession(user);',
    '}',
  ),
  auth: lines(
    "import { createSession } from './session.js';",
    '',
    "const USERS = new Map([['ada', 'lovelace']]);",
    '',
    'export function login(user, password) {',
    "  if (USERS.get(user) !== password) throw new Error('invalid credentials');",
    '  return createSession(user);',
    '}',
  ),
  authTest: lines(
    ...TEST_HEADER,
    "import { login } from '../src/auth.js';",
    '',
    "test('a correct password logs in', () => assert.equal(login('ada', 'lovelace').user, 'ada'));",
    "test('a wrong password is refused', () => assert.throws(() => login('ada', 'nope'), /invalid credentials/));",
  ),
  /** Appended to src/auth.js by an edit (the SSO bead). */
  sso: lines(
    '',
    'export function loginSso(assertion) {',
    '  const user = assertion?.subject;',
    "  if (!USERS.has(user)) throw new Error('unknown SSO user');",
    '  return createSession(user);',
    '}',
  ),
  /** The final test's own regression test (RUNNING_FINAL_TEST). */
  finalTest: lines(
    ...TEST_HEADER,
    "import { login, loginSso } from '../src/auth.js';",
    "import { getSession } from '../src/session.js';",
    '',
    "test('password and SSO logins open sessions that expire after a day', () => {",
    '  const later = Date.now() + 24 * 60 * 60 * 1000 + 1;',
    "  for (const session of [login('ada', 'lovelace'), loginSso({ subject: 'ada' })]) {",
    "    assert.equal(getSession(session.id).user, 'ada');",
    '    assert.equal(getSession(session.id, later), null);',
    '  }',
    '});',
  ),
};

/** The sample repository in a temp dir, with a bare origin. */
export function createSampleRepo(options: Omit<CreateTempRepoOptions, 'files'> = {}): Promise<TempRepo> {
  return createTempRepo({ ...options, files: SAMPLE_REPO_FILES });
}
