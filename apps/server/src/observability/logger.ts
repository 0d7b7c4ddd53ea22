/**
 * Structured JSON logs, one line per event. Never pass tokens, passwords or personal
 * ID numbers: `redact` masks the keys that could carry them, and any 9- or 12-digit
 * run in a message, as a second line of defence.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEYS = /token|password|secret|authorization|cookie|pid|bhyt|phone/i;
const ID_NUMBER = /\b\d{9}(\d{3})?\b/g;

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEYS.test(key)) out[key] = "[redacted]";
    else if (typeof value === "string") out[key] = value.replace(ID_NUMBER, "[number]");
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message.replace(ID_NUMBER, "[number]") };
    else out[key] = value;
  }
  return out;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(line + "\n"),
  base: Record<string, unknown> = {},
): Logger {
  const emit = (at: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ t: new Date().toISOString(), level: at, event, ...redact({ ...base, ...fields }) }));
  };
  return {
    debug: (e, f) => emit("debug", e, f),
    info: (e, f) => emit("info", e, f),
    warn: (e, f) => emit("warn", e, f),
    error: (e, f) => emit("error", e, f),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}
