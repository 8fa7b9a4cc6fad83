/**
 * Issue 9 §5: the savepoints of one transaction, kept the same way on both stores. Each op of a push
 * runs in its own, so an unexpected failure rolls back that op alone. Savepoints nest: two side by
 * side (not awaited one after the other) would tangle, so the second to end is refused.
 */
export class Savepoints {
  private open: string[] = [];
  private next = 0;

  /** `exec` runs one statement on the transaction's connection (synchronous on SQLite). */
  constructor(private readonly exec: (sql: string) => Promise<unknown> | void) {}

  /** Run `fn` inside a new savepoint: released when it resolves, rolled back to when it throws. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const name = `op_${++this.next}`;
    await this.exec(`SAVEPOINT ${name}`);
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
    if (rollBack) await this.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    await this.exec(`RELEASE SAVEPOINT ${name}`);
  }
}
