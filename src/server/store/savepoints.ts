/**
 * Issue 9 §5: the savepoints of one transaction, kept the same way on both stores. Each op of a push
 * runs in its own, so an unexpected failure rolls back that op alone. Savepoints nest: two side by
 * side (not awaited one after the other) would tangle, so the second to end is refused.
 *
 * Issue 11 §4: a savepoint's RELEASE is not sent on its own. It waits and goes in one batch with the
 * next SAVEPOINT (`RELEASE SAVEPOINT op_1; SAVEPOINT op_2`), or is left to COMMIT, which ends every
 * savepoint still open: one round trip per op fewer on PostgreSQL. Until then the ended savepoint
 * is still open in the database; nothing can roll back to it (it has left `open`), and a rollback
 * to an outer savepoint, or of the transaction, ends it with the rest.
 */
export class Savepoints {
  private open: string[] = [];
  private next = 0;
  /** The savepoint that ended and whose RELEASE is still to be sent. */
  private unreleased: string | null = null;

  /** `exec` runs one or more statements on the transaction's connection (synchronous on SQLite). */
  constructor(private readonly exec: (sql: string) => Promise<unknown> | void) {}

  /** Run `fn` inside a new savepoint: released when it resolves, rolled back to when it throws. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const name = `op_${++this.next}`;
    const release = this.unreleased === null ? '' : `RELEASE SAVEPOINT ${this.unreleased}; `;
    this.unreleased = null;
    await this.exec(`${release}SAVEPOINT ${name}`);
    this.open.push(name);
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      await this.end(name, true);
      throw err;
    }
    await this.end(name, false);
    return result;
  }

  private async end(name: string, rollBack: boolean): Promise<void> {
    if (this.open.at(-1) !== name) {
      throw new Error('savepoints of one transaction must nest: await one before starting the next');
    }
    this.open.pop();
    // Rolling back to `name` ends any savepoint inside it, released or not.
    if (rollBack) await this.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    // Releasing `name` later releases whatever ended inside it too.
    this.unreleased = name;
  }
}
