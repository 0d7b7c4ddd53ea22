import type { RosterRecords } from "@roster/doc";
import {
  COLUMN_TARGETS,
  InvalidMappingError,
  findHeaderRow,
  guessMapping,
  planImport,
  targetLabel,
  type ColumnMapping,
  type ColumnTarget,
  type HeaderLocation,
  type ImportPlan,
  type RawTable,
} from "@roster/spreadsheet";
import { BadRequestError } from "../errors";
import { UnprocessableFileError } from "./import-errors";

const TARGETS = new Set<string>(COLUMN_TARGETS);
/** Lists wider than this are not lists of children. */
const MAX_COLUMNS = 500;

/**
 * The person's corrections of the guessed mapping, as sent in the `mapping` form field:
 * either a whole mapping (`["index", "fullName", null, …]`) or only the columns to change
 * (`{"3": "mother.phone", "5": null}`), column indexes 0-based. Unknown targets are a 400.
 */
export type MappingOverride = { kind: "whole"; mapping: ColumnMapping } | { kind: "columns"; columns: Map<number, ColumnTarget | null> };

function target(value: unknown, where: string): ColumnTarget | null {
  if (value === null || value === "") return null;
  if (typeof value === "string" && TARGETS.has(value)) return value as ColumnTarget;
  throw new BadRequestError(`Cột ${where}: đích không hợp lệ ${JSON.stringify(value)} / Column ${where}: unknown target`, "invalid_mapping");
}

/** Parses the `mapping` form field (absent or empty: no override). */
export function parseMappingField(raw: unknown): MappingOverride | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string") throw new BadRequestError("Trường mapping phải là JSON / The mapping field must be JSON text", "invalid_mapping");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequestError("Trường mapping không phải JSON hợp lệ / The mapping field is not valid JSON", "invalid_mapping");
  }
  if (Array.isArray(json)) {
    if (json.length > MAX_COLUMNS) throw new BadRequestError("Quá nhiều cột / Too many columns", "invalid_mapping");
    return { kind: "whole", mapping: json.map((value, index) => target(value, String(index))) };
  }
  if (typeof json === "object" && json !== null) {
    const columns = new Map<number, ColumnTarget | null>();
    for (const [key, value] of Object.entries(json)) {
      const index = Number(key);
      if (!/^\d+$/.test(key) || index >= MAX_COLUMNS) {
        throw new BadRequestError(`Số cột không hợp lệ / Invalid column index: ${JSON.stringify(key).slice(0, 20)}`, "invalid_mapping");
      }
      columns.set(index, target(value, key));
    }
    return { kind: "columns", columns };
  }
  throw new BadRequestError("Trường mapping phải là mảng hoặc đối tượng / The mapping field must be an array or an object", "invalid_mapping");
}

/** The guessed mapping with the person's corrections applied. */
export function effectiveMapping(guessed: ColumnMapping, override: MappingOverride | undefined): ColumnMapping {
  if (!override) return guessed;
  if (override.kind === "whole") return override.mapping;
  const width = Math.max(guessed.length, ...[...override.columns.keys()].map((i) => i + 1));
  const out: ColumnMapping = Array.from({ length: width }, (_, i) => guessed[i] ?? null);
  for (const [index, value] of override.columns) out[index] = value;
  return out;
}

/** What the server works out for an uploaded file, before writing anything. */
export interface RosterImportPlan {
  header: HeaderLocation | null;
  guessed: ColumnMapping;
  mapping: ColumnMapping;
  plan: ImportPlan;
}

/**
 * Plans importing `table` into the roster as it is now: the header found, the mapping
 * guessed and corrected, `planImport` against the current children and guardians.
 * Synchronous on purpose: the caller commits right after, with no `await` in between,
 * so the plan is never stale. A mapping that cannot produce children is a 422.
 */
export function planRosterImport(
  table: RawTable,
  records: RosterRecords,
  options: { asOf: string; fileName: string; override?: MappingOverride | undefined },
): RosterImportPlan {
  const header = findHeaderRow(table.rows);
  const guessed = guessMapping(header?.cells ?? []);
  const mapping = effectiveMapping(guessed, options.override);
  try {
    const plan = planImport(
      table,
      mapping,
      { children: records.listChildren({ includeRemoved: true }), guardians: records.guardiansById() },
      { asOf: options.asOf, fileName: options.fileName, header },
    );
    return { header, guessed, mapping, plan };
  } catch (error) {
    throw asUnprocessableMapping(error);
  }
}

/** A mapping that cannot produce records (no name column, a field twice) as the 422 it is; anything else as it is. */
export function asUnprocessableMapping(error: unknown): unknown {
  if (!(error instanceof InvalidMappingError)) return error;
  const vi = error.problems.map((p) => p.vi).join("; ");
  const en = error.problems.map((p) => p.en).join("; ");
  return new UnprocessableFileError(`${vi} / ${en}`, "invalid_mapping");
}

/** The mapping as the preview shows it: each column's header, target and label. */
export function describeMapping(header: HeaderLocation | null, mapping: ColumnMapping, guessed: ColumnMapping) {
  const width = Math.max(mapping.length, header?.cells.length ?? 0);
  return Array.from({ length: width }, (_, column) => {
    const t = mapping[column] ?? null;
    return {
      column,
      header: header?.cells[column] ?? "",
      target: t,
      guessed: guessed[column] ?? null,
      label: t === null ? null : targetLabel(t),
    };
  });
}
