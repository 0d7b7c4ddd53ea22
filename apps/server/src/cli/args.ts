import { BadRequestError } from "../errors";

/** `--name value` pairs (repeatable ones collected) and the positional words. */
export interface ParsedArgs {
  words: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const words: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      words.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) value = "true";
      else {
        value = next;
        i++;
      }
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { words, flags };
}

export function flag(args: ParsedArgs, name: string): string {
  const value = args.flags.get(name)?.[0];
  if (value === undefined || value === "true") throw new BadRequestError(`Thiếu --${name} / Missing --${name}`, "missing_flag");
  return value;
}

export function optionalFlag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}

export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number {
  const text = flag(args, name);
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestError(`--${name} phải là số nguyên từ ${min} đến ${max} / --${name} must be a whole number from ${min} to ${max}`, "bad_flag");
  }
  return value;
}
