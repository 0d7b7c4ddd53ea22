import { RosterRecords } from "@roster/doc";
import type { ChildField } from "@roster/schema";
import { expect } from "vitest";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { aChildWithoutPid } from "./fixtures";
import { sleep } from "./sync-clients";

/**
 * A person editing one roster with a stock `WebsocketProvider`, who may be sent to another
 * instance: a reverse proxy without sticky sessions reconnects the same browser (the same
 * Y.Doc, with its unsent edits) to whichever instance it picks.
 */
export class RoamingEditor {
  readonly doc = new Y.Doc();
  readonly records = new RosterRecords(this.doc);
  provider: WebsocketProvider;
  /** Edits this editor made (creations and field writes). */
  edits = 0;

  constructor(
    readonly label: string,
    readonly room: string,
    private readonly token: string,
    readonly actor: { id: string; name: string },
    public syncUrl: string,
  ) {
    this.provider = this.open(syncUrl);
  }

  /** Drops the connection to the current instance and opens one to `syncUrl`, same doc. */
  moveTo(syncUrl: string): void {
    this.provider.destroy();
    this.syncUrl = syncUrl;
    this.provider = this.open(syncUrl);
  }

  /** Leaves for good (e.g. its instance died and it must not re-send anything yet). */
  detach(): void {
    this.provider.destroy();
  }

  whenSynced(timeoutMs = 20_000): Promise<void> {
    const provider = this.provider;
    if (provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.label}: not synced with ${this.syncUrl} after ${timeoutMs} ms`)), timeoutMs);
      const onSync = (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        provider.off("sync", onSync);
        resolve();
      };
      provider.on("sync", onSync);
    });
  }

  destroy(): void {
    this.provider.destroy();
    this.records.destroy();
    this.doc.destroy();
  }

  private open(syncUrl: string): WebsocketProvider {
    return new WebsocketProvider(syncUrl, this.room, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: this.token },
    });
  }
}

/** A small seeded generator (mulberry32): the same seed, the same sequence of choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

const NAMES = ["Nguyễn Thị Mai Anh", "Trần Văn Bảo", "Lê Hoàng Nam", "Phạm Thu Trang", "Đỗ Minh Khôi", "Vũ Ngọc Hân"];
const SCHOOLS = ["Trường Tiểu học Ngọc Hà", "Trường THCS Thăng Long", "Trường Mầm non Hoa Sen"];
const ADDRESSES = ["Số 3 ngõ 12 phố Đội Cấn", "Số 40 phố Hoàng Hoa Thám", "Số 7 ngõ 55 phố Ngọc Hà"];

/** A random value of one of the fields people edit (text, dates, choices, booleans, clearing). */
function randomField(random: () => number, n: number): [ChildField, string | boolean | null] {
  const field = pick(random, ["fullName", "dob", "gender", "residenceType", "address", "school", "grade", "idCard", "vneid", "healthBook", "note", "appointment"] as const);
  if (random() < 0.05 && field !== "fullName") return [field, null];
  switch (field) {
    case "fullName":
      return [field, `${pick(random, NAMES)} ${n}`];
    case "dob":
    case "appointment":
      return [field, `20${10 + Math.floor(random() * 10)}-0${1 + Math.floor(random() * 9)}-${10 + Math.floor(random() * 18)}`];
    case "gender":
      return [field, pick(random, ["male", "female"])];
    case "residenceType":
      return [field, pick(random, ["permanent", "temporary", "none"])];
    case "idCard":
      return [field, pick(random, ["none", "applied", "issued"])];
    case "vneid":
      return [field, pick(random, ["none", "level1", "level2"])];
    case "healthBook":
      return [field, random() < 0.5];
    case "school":
      return [field, pick(random, SCHOOLS)];
    case "grade":
      return [field, `${1 + Math.floor(random() * 5)}${pick(random, ["A", "B", "C"])}`];
    case "address":
      return [field, `${pick(random, ADDRESSES)}, tổ ${n}`];
    case "note":
      return [field, `ghi chú ${n}: ${pick(random, ["đã gọi điện", "hẹn tuần sau", "thiếu giấy khai sinh"])}`];
  }
}

/** One edit: a new child now and then (always when it sees none), else a field of a child it sees. */
export function randomEdit(editor: RoamingEditor, random: () => number): void {
  const children = editor.records.listChildren().map((c) => c.id).sort();
  editor.edits += 1;
  const n = editor.edits;
  if (children.length === 0 || random() < 0.15) {
    editor.records.createChild(aChildWithoutPid({ fullName: `${pick(random, NAMES)} (${editor.label}-${n})` }));
    return;
  }
  const [field, value] = randomField(random, n);
  editor.records.setChildField(pick(random, children), field, value as never, editor.actor);
}

export interface EditingPlan {
  steps: number;
  /** Where a reconnection may go (the editor's own instance or another one). */
  syncUrls: () => readonly string[];
  /** Chance per step of going offline for a few edits, then reconnecting. */
  offlineChance?: number;
  /** Stops early when this returns true (checked every step). */
  stop?: () => boolean;
}

/**
 * Edits at random, `plan.steps` times, with short random pauses (so editors on different
 * instances interleave): mostly field writes, some new children, and now and then a few
 * edits offline before reconnecting to its instance or another one.
 */
export async function editRandomly(editor: RoamingEditor, random: () => number, plan: EditingPlan): Promise<void> {
  for (let step = 0; step < plan.steps && !plan.stop?.(); step += 1) {
    if (random() < (plan.offlineChance ?? 0.04)) {
      editor.provider.disconnect();
      const offline = 1 + Math.floor(random() * 3);
      for (let i = 0; i < offline; i += 1) randomEdit(editor, random);
      await sleep(random() * 150);
      if (plan.stop?.()) return; // stays offline: whoever stopped it decides where it goes
      const urls = plan.syncUrls();
      const next = random() < 0.5 ? editor.syncUrl : pick(random, urls);
      if (next === editor.syncUrl) editor.provider.connect();
      else editor.moveTo(next);
      continue;
    }
    randomEdit(editor, random);
    await sleep(random() * 20);
  }
}

/** The records' roots as sorted JSON: two docs that hold the same records give the same text. */
export function recordsJson(doc: Y.Doc): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
    }
    return value;
  };
  return JSON.stringify(
    sorted({
      children: doc.getMap("children").toJSON(),
      guardians: doc.getMap("guardians").toJSON(),
      edits: doc.getArray("edits").toJSON(),
    }),
  );
}

/** The two docs hold exactly the same state: same structs (state vector), same deletions, same records. */
export function expectSameDoc(actual: Y.Doc, expected: Y.Doc, label: string): void {
  expect(Y.decodeStateVector(Y.encodeStateVector(actual)), `${label}: state vector`).toEqual(Y.decodeStateVector(Y.encodeStateVector(expected)));
  expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected)), `${label}: structs and deletions`).toBe(true);
  expect(recordsJson(actual), `${label}: records`).toBe(recordsJson(expected));
}

/** What a doc held at one moment: its whole state as one update, and its state vector. */
export interface Seen {
  label: string;
  update: Uint8Array;
  stateVector: Map<number, number>;
  childIds: string[];
}

export function seenBy(label: string, doc: Y.Doc): Seen {
  const records = new RosterRecords(doc);
  const childIds = records.listChildren({ includeRemoved: true }).map((c) => c.id);
  records.destroy();
  return { label, update: Y.encodeStateAsUpdate(doc), stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)), childIds };
}

/**
 * `doc` holds everything `seen` held: for every (client, clock) of its state vector at least
 * as much, each of its deletions, and each child it saw.
 */
export function expectContains(doc: Y.Doc, seen: Seen): void {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  const missing = [...seen.stateVector].filter(([client, clock]) => (have.get(client) ?? 0) < clock).map(([client, clock]) => `${client}: ${have.get(client) ?? 0} < ${clock}`);
  expect(missing, `${seen.label}: structs missing`).toEqual([]);
  expect(Y.snapshotContainsUpdate(Y.snapshot(doc), seen.update), `${seen.label}: structs and deletions contained`).toBe(true);
  const children = doc.getMap("children");
  expect(seen.childIds.filter((id) => !children.has(id)), `${seen.label}: children missing`).toEqual([]);
}
