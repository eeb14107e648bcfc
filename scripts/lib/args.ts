import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake on the command line: the CLI prints it with its usage and exits 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Every CLI's arguments, through Node's `util.parseArgs` (strict: an unknown option is an error;
 * positionals allowed; `--` ends the options). `-h`/`--help` is added to every command. A usage
 * mistake throws a `UsageError` with a short message such as "unknown option --x".
 */
export function parseCommandLine<const O extends Options>(argv: string[], options: O) {
  const config = {
    args: argv,
    options: { ...options, help: { type: "boolean", short: "h" } } as O & {
      help: { type: "boolean"; short: "h" };
    },
    allowPositionals: true,
    strict: true,
  } as const;
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
}

function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /^Option '(\S+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  return message.split(". ")[0];
}

/** A whole number of at least `min` from an option's text, or the fallback when it is absent. */
export function integerOption(text: string | undefined, name: string, fallback: number, min = 1) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name} needs a whole number of at least ${min}, not "${text}"`);
  }
  return value;
}
