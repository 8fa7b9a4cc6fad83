/**
 * What the operators' commands share (restore, move-to-postgres): `--name value` flags, and one
 * exit-code convention: 0 done, 1 refused (the message says why and nothing was changed), 2 any
 * other failure.
 */

/** The value after `--name` in the command's arguments, if any. */
export function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Run `main` and set the exit code: its own on success, 1 with "<verb> refused: …" for an error of
 * one of `refusals`, 2 with the message for anything else.
 */
export async function runCommand(
  verb: string,
  refusals: readonly ErrorClass[],
  main: () => number | Promise<number>,
): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    if (refusals.some((r) => err instanceof r)) {
      console.error(`${verb} refused: ${(err as Error).message}`);
      process.exitCode = 1;
      return;
    }
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  }
}
