/** The bench scripts' command lines: `--name value` options, each script reading only its own. */

/** The value after `--name` in `argv` (the script's arguments by default), or undefined when absent. */
export function option(name: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
