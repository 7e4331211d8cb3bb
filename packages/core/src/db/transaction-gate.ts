import type { Client, InArgs, InStatement, Transaction, TransactionMode } from '@libsql/client';

/**
 * libSQL's local client gives an open transaction its own connection and runs every other statement synchronously
 * on another one. A write issued while a transaction is open (any other ticket's work, a second click on Approve)
 * therefore busy-waits for the client's `timeout` with the event loop blocked, so the transaction holding the lock
 * can never commit: the process freezes for the timeout, then the write fails with SQLITE_BUSY.
 *
 * The gate orders them instead: a transaction waits for the statements in flight and for earlier transactions, and
 * every statement issued while it is open waits until it commits or rolls back. Statements inside a transaction go
 * through its own `tx` object and are not gated, so code inside a transaction must never use the client itself
 * (none does: every `db.transaction` callback in core uses only `tx`).
 */
export function gateTransactions(client: Client): Client {
  let inFlight = 0;
  const idle: (() => void)[] = [];
  /** Settles when the open transaction ends; null when none is open. */
  let open: Promise<void> | null = null;
  /** The end of the last transaction that asked for the gate: the next one queues behind it. */
  let tail: Promise<void> = Promise.resolve();

  async function shared<T>(run: () => Promise<T>): Promise<T> {
    while (open) await open;
    inFlight += 1;
    try {
      return await run();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        for (const wake of idle.splice(0)) wake();
      }
    }
  }

  async function exclusive(mode: TransactionMode | undefined): Promise<Transaction> {
    let end: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const previous = tail;
    tail = ended;
    await previous;
    open = ended;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (open === ended) open = null;
      end();
    };
    if (inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
    let tx: Transaction;
    try {
      tx = await client.transaction(mode);
    } catch (error) {
      finish();
      throw error;
    }
    return {
      execute: (stmt: InStatement) => tx.execute(stmt),
      batch: (stmts: InStatement[]) => tx.batch(stmts),
      executeMultiple: (sql: string) => tx.executeMultiple(sql),
      async commit() {
        try {
          await tx.commit();
        } finally {
          finish();
        }
      },
      async rollback() {
        try {
          await tx.rollback();
        } finally {
          finish();
        }
      },
      close() {
        try {
          tx.close();
        } finally {
          finish();
        }
      },
      get closed() {
        return tx.closed;
      },
    };
  }

  return {
    execute: (stmt: InStatement | string, args?: InArgs) =>
      shared(() => (typeof stmt === 'string' ? client.execute(stmt, args) : client.execute(stmt))),
    batch: (stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode) =>
      shared(() => client.batch(stmts, mode)),
    migrate: (stmts: InStatement[]) => shared(() => client.migrate(stmts)),
    executeMultiple: (sql: string) => shared(() => client.executeMultiple(sql)),
    transaction: (mode?: TransactionMode) => exclusive(mode),
    sync: () => client.sync(),
    close: () => client.close(),
    reconnect: () => client.reconnect(),
    get closed() {
      return client.closed;
    },
    get protocol() {
      return client.protocol;
    },
  };
}
