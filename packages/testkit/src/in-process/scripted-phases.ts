// In-process fakes for fast engine tests: phase handlers that follow a script, so a test runs the REAL runner,
// persistence and workflow service on a real libSQL file without any model. Structural types only: testkit does not
// import core (core's tests import testkit).

/** A promise the test settles when it chooses: a scripted handler can stop at a point of its work and wait. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** One run of a handler: what it does with the context it received. */
export type ScriptedStep<Ctx, Outcome> = (ctx: Ctx) => Outcome | Promise<Outcome>;

export interface ScriptedPhases<Ctx extends { status: string }, Outcome> {
  /** Register this one handler for every scripted status; each run takes the next step queued for `ctx.status`. */
  handler: (ctx: Ctx) => Promise<Outcome>;
  /** Queue steps for a status, in order. A run with no step left throws, so an unexpected run fails the test. */
  script(status: Ctx['status'], ...steps: ScriptedStep<Ctx, Outcome>[]): void;
  /** The contexts of every run so far, in start order. */
  readonly runs: Ctx[];
  /** Resolves with the context of the next run of `status` that starts after this call. */
  nextRun(status: Ctx['status']): Promise<Ctx>;
}

export function scriptedPhases<Ctx extends { status: string }, Outcome>(): ScriptedPhases<Ctx, Outcome> {
  const queues = new Map<string, ScriptedStep<Ctx, Outcome>[]>();
  const runs: Ctx[] = [];
  const waiters: { status: string; settle: (ctx: Ctx) => void }[] = [];
  return {
    runs,
    async handler(ctx) {
      runs.push(ctx);
      for (const waiter of waiters.filter((w) => w.status === ctx.status)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.settle(ctx);
      }
      const step = queues.get(ctx.status)?.shift();
      if (!step) throw new Error(`scripted phases: no step left for a run of ${ctx.status}`);
      return step(ctx);
    },
    script(status, ...steps) {
      queues.set(status, [...(queues.get(status) ?? []), ...steps]);
    },
    nextRun(status) {
      return new Promise((settle) => waiters.push({ status, settle }));
    },
  };
}
