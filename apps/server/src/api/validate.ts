import type { Context } from "hono";
import type { z } from "zod";
import { BadRequestError } from "../errors";

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

/** Parses a JSON body with a zod schema; a bad body is a 400 with the reasons, never a 500. */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new BadRequestError("Nội dung không phải JSON hợp lệ / Body is not valid JSON", "invalid_json");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new BadRequestError(`Dữ liệu không hợp lệ / Invalid data: ${describe(parsed.error)}`, "invalid_body");
  return parsed.data;
}

/** Parses the query string with a zod schema (400 on a bad value). */
export function queryOf<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new BadRequestError(`Tham số không hợp lệ / Invalid query: ${describe(parsed.error)}`, "invalid_query");
  return parsed.data;
}
